package dev.automap.workers.bulk;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.conditions.Facts;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.ContactFacts;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.metrics.EngineMetrics;
import dev.automap.workers.run.RunActivities;
import dev.automap.workers.temporal.TemporalUnavailable;
import dev.automap.workers.triggers.ContactPages;
import dev.automap.workers.triggers.TriggerEnrollment;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.activity.Activity;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk job's pages on the store: each contact is enrolled under the key {@code
 * bulk/<jobId>/<contactId>} (a retried page starts no run twice) and its outcome is kept once per
 * job, with the job's counts, in one transaction per page.
 */
@Singleton
public class BulkActivitiesImpl implements BulkActivities, RunActivities {
  private static final Logger LOG = LoggerFactory.getLogger(BulkActivitiesImpl.class);

  private final BulkJobs jobs;
  private final BulkConfig config;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final ContactPages contacts;
  private final TriggerEnrollment enrollment;
  private final EnrollmentService enrollments;
  private final ContactFacts contactFacts;
  private final ContactDirectory directory;
  private final ConditionEvaluator conditions = ConditionEvaluator.shared();
  @jakarta.inject.Inject EngineMetrics metrics;

  public BulkActivitiesImpl(
      BulkJobs jobs,
      BulkConfig config,
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      ContactPages contacts,
      TriggerEnrollment enrollment,
      EnrollmentService enrollments,
      ContactFacts contactFacts,
      ContactDirectory directory) {
    this.enrollments = enrollments;
    this.contactFacts = contactFacts;
    this.directory = directory;
    this.jobs = jobs;
    this.config = config;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.contacts = contacts;
    this.enrollment = enrollment;
  }

  @Override
  public long count(String jobId) {
    return transactions.executeWrite(
        status -> {
          BulkJobs.Stored job = jobs.stored(jobId);
          BulkJobs.Source source = job.source();
          String sql;
          List<String> args;
          if (source.list() != null) {
            sql =
                """
                select count(*) from list_members m join lists l on l.id = m.list_id
                where l.account_id = ? and l.name = ?""";
            args = List.of(job.accountId(), source.list());
          } else if (source.segment() != null) {
            // every contact is looked at; those outside the segment are skipped as not_in_segment
            sql = "select count(*) from contacts where account_id = ?";
            args = List.of(job.accountId());
          } else {
            sql = "select count(*) from bulk_job_targets where job_id = ?";
            args = List.of(jobId);
          }
          long total =
              jdbc.prepareStatement(
                  sql,
                  ps -> {
                    for (int i = 0; i < args.size(); i++) {
                      ps.setString(i + 1, args.get(i));
                    }
                    try (var rs = ps.executeQuery()) {
                      rs.next();
                      return rs.getLong(1);
                    }
                  });
          jdbc.prepareStatement(
              "update bulk_jobs set total = coalesce(total, ?) where id = ?",
              ps -> {
                ps.setLong(1, total);
                ps.setString(2, jobId);
                return ps.executeUpdate();
              });
          return total;
        });
  }

  /**
   * Enrolls the page after {@code after} and, while the call is younger than the job's slice
   * ({@code automap.bulk.slice}), the pages after it, each as {@link #onePage} does: one activity
   * call for several pages, so the starts do not pause for a round trip through the job's workflow
   * between pages. The counts are the pages' sums; the cursor is the last page's.
   */
  @Override
  public Page page(String jobId, String after) {
    long until = System.nanoTime() + config.slice().toNanos();
    int enrolled = 0;
    int skipped = 0;
    int failed = 0;
    String cursor = after;
    while (true) {
      Page page = onePage(jobId, cursor);
      enrolled += page.enrolled();
      skipped += page.skipped();
      failed += page.failed();
      cursor = page.next();
      if (cursor == null || System.nanoTime() >= until) {
        return new Page(enrolled, skipped, failed, cursor);
      }
    }
  }

  /** Enrolls the page after {@code after}; see {@link BulkActivities#page}. */
  private Page onePage(String jobId, String after) {
    BulkJobs.Stored job = jobs.stored(jobId);
    if (!"running".equals(job.state())) {
      return new Page(0, 0, 0, null);
    }
    var live = enrollment.live(job.accountId(), job.automationKey());
    if (live.isEmpty()) {
      jobs.finish(jobId, "stopped", "automation " + job.automationKey() + " is not active");
      return new Page(0, 0, 0, null);
    }
    long t0 = System.nanoTime();
    int size = config.pageSize();
    List<String> ids = ids(job, after, size);
    Set<String> done = done(jobId, ids);
    List<String> todo = ids.stream().filter(id -> !done.contains(id)).toList();
    long t1 = System.nanoTime();
    Map<String, String> skips = new LinkedHashMap<>();
    List<String> toStart = check(job, live.get(), todo, skips);
    long t2 = System.nanoTime();
    record(jobId, skips);
    long t3 = System.nanoTime();
    Map<String, String> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    Writer writer = new Writer(jobId, outcomes);
    RuntimeException unavailable = null;
    long started = System.nanoTime();
    int starts = 0;
    // starts go out at the job's rate, a few at once; each started run is recorded in a group
    // with those that started meanwhile
    var inFlight = new java.util.concurrent.Semaphore(config.concurrency());
    var startNanos = new java.util.concurrent.atomic.LongAdder();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (String contactId : toStart) {
        pace(started, starts++);
        acquire(inFlight);
        futures.add(
            executor.submit(
                () -> {
                  Writer.Item item;
                  long s0 = System.nanoTime();
                  try {
                    item = startOne(job, live.get(), contactId);
                  } finally {
                    inFlight.release();
                    startNanos.add(System.nanoTime() - s0);
                  }
                  writer.write(item);
                }));
        Activity.getExecutionContext().heartbeat(contactId);
      }
      for (var future : futures) {
        try {
          future.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r && TemporalUnavailable.causes(r)) {
            unavailable = r;
          } else {
            throw new IllegalStateException("a bulk start failed unexpectedly", e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while enrolling a page", e);
        }
      }
    }
    long t4 = System.nanoTime();
    // the starts' outcomes and the job's counts once for the page; a page taken up again before
    // this finds the runs started under their action keys
    record(jobId, outcomes);
    long t5 = System.nanoTime();
    LOG.debug(
        "bulk job {}: page of {} ({} to start) in {} ms: contacts {} ms, checks {} ms, skips recorded {} ms,"
            + " starts and their records {} ms in {} groups ({} ms writing),"
            + " {} ms a start on average, outcomes {} ms",
        jobId,
        ids.size(),
        toStart.size(),
        (t5 - t0) / 1_000_000,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        (t4 - t3) / 1_000_000,
        writer.groups,
        writer.writing / 1_000_000,
        toStart.isEmpty() ? 0 : startNanos.sum() / 1_000_000 / toStart.size(),
        (t5 - t4) / 1_000_000);
    if (unavailable != null) {
      // what started is kept; the page is retried once Temporal answers, the rest then
      throw TemporalUnavailable.classify(unavailable, "bulk job " + jobId + " paused");
    }
    outcomes.putAll(skips);
    int enrolled = (int) outcomes.values().stream().filter("enrolled"::equals).count();
    int failed = (int) outcomes.values().stream().filter("failed"::equals).count();
    return new Page(
        enrolled,
        outcomes.size() - enrolled - failed,
        failed,
        ids.size() < size ? null : ids.getLast());
  }

  /** The key a contact's start is made under: a retried page starts no run twice. */
  private static String actionKey(BulkJobs.Stored job, String contactId) {
    return "bulk/" + job.id() + "/" + contactId;
  }

  /**
   * Judges the page's contacts with one query per check (runs started by an earlier attempt,
   * contacts and their facts, prior runs), in the order and words of a single enrollment: the
   * outcome of each refused one goes into {@code outcomes}; those to start are answered, in order.
   */
  private List<String> check(
      BulkJobs.Stored job,
      AutomationCatalog.Saved live,
      List<String> contactIds,
      Map<String, String> outcomes) {
    if (contactIds.isEmpty()) {
      return List.of();
    }
    Instant now = Instant.now();
    Condition segment = job.source().segment();
    Condition audience = live.map().enrollmentOrDefault().audience();
    Set<String> earlier =
        enrollments.startedByAny(contactIds.stream().map(c -> actionKey(job, c)).toList());
    List<String> rest =
        contactIds.stream().filter(c -> !earlier.contains(actionKey(job, c))).toList();
    Map<String, Facts> facts;
    Set<String> existing;
    if (segment != null || audience != null) {
      facts = transactions.executeRead(status -> contactFacts.loadAll(job.accountId(), rest, now));
      existing = facts.keySet();
    } else {
      facts = Map.of();
      existing = transactions.executeRead(status -> directory.existing(job.accountId(), rest));
    }
    Map<String, EnrollmentService.Prior> priors =
        transactions.executeRead(
            status ->
                enrollments.priors(
                    rest.stream()
                        .filter(existing::contains)
                        .map(
                            c ->
                                EnrollmentService.workflowId(
                                    job.accountId(), job.automationKey(), c))
                        .toList()));
    List<String> toStart = new ArrayList<>();
    for (String contactId : contactIds) {
      try {
        String refused;
        if (earlier.contains(actionKey(job, contactId))) {
          outcomes.put(contactId, "enrolled");
          continue;
        } else if (!existing.contains(contactId)) {
          refused = "no contact " + contactId;
        } else if (segment != null && !conditions.test(segment, facts.get(contactId))) {
          refused = "not in the trigger's audience";
        } else if (audience != null && !conditions.test(audience, facts.get(contactId))) {
          refused = "not in the automation's audience";
        } else {
          refused =
              enrollments.refusal(
                  job.accountId(),
                  live.map(),
                  contactId,
                  priors.getOrDefault(
                      EnrollmentService.workflowId(job.accountId(), job.automationKey(), contactId),
                      EnrollmentService.Prior.NONE));
        }
        if (refused == null) {
          toStart.add(contactId);
        } else {
          outcomes.put(contactId, skipReason(refused));
        }
      } catch (RuntimeException e) {
        LOG.warn("bulk job {}: contact {} was not enrolled: {}", job.id(), contactId, e.toString());
        outcomes.put(contactId, "failed");
      }
    }
    return toStart;
  }

  /** Starts one contact's run: the run, why it was refused, or {@code failed}. */
  private Writer.Item startOne(
      BulkJobs.Stored job, AutomationCatalog.Saved live, String contactId) {
    try {
      return new Writer.Item(
          contactId,
          "enrolled",
          enrollments.start(
              job.accountId(),
              live.version(),
              live.map(),
              contactId,
              null,
              null,
              actionKey(job, contactId)));
    } catch (EnrollmentService.EnrollmentRefused e) {
      return new Writer.Item(contactId, skipReason(e.getMessage()), null);
    } catch (RuntimeException e) {
      if (TemporalUnavailable.causes(e)) {
        throw e;
      }
      LOG.warn("bulk job {}: contact {} was not enrolled: {}", job.id(), contactId, e.toString());
      return new Writer.Item(contactId, "failed", null);
    }
  }

  /**
   * Records a page's starts in groups: a start's thread writes every start waiting then (its own
   * and those that landed while the previous group was being written) in one transaction (their
   * enrollments, counters, action keys and {@code automation.enrolled} events). A run is thus
   * recorded about as soon as it started, whatever the page's size; the outcomes are kept for the
   * page's end.
   */
  private final class Writer {
    record Item(String contactId, String outcome, EnrollmentService.Started run) {}

    private final String jobId;
    private final Map<String, String> outcomes;
    private final java.util.concurrent.ConcurrentLinkedQueue<Item> waiting =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Set<Item> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.locks.ReentrantLock lock =
        new java.util.concurrent.locks.ReentrantLock();
    private volatile RuntimeException failure;
    int groups;
    long writing;

    Writer(String jobId, Map<String, String> outcomes) {
      this.jobId = jobId;
      this.outcomes = outcomes;
    }

    void write(Item item) {
      waiting.add(item);
      List<EnrollmentService.Started> fresh;
      lock.lock();
      try {
        if (written.contains(item)) {
          return;
        }
        if (failure != null) {
          throw failure;
        }
        List<Item> group = new ArrayList<>();
        for (Item next; (next = waiting.poll()) != null; ) {
          group.add(next);
        }
        long t = System.nanoTime();
        Map<String, String> these = new LinkedHashMap<>();
        group.forEach(i -> these.put(i.contactId(), i.outcome()));
        List<EnrollmentService.Started> runs =
            group.stream().map(Item::run).filter(java.util.Objects::nonNull).toList();
        try {
          // the runs' records and their automation.enrolled commit together: a page taken up
          // again after a crash finds both or neither
          fresh =
              runs.isEmpty()
                  ? List.of()
                  : transactions.executeWrite(status -> enrollments.recordStarted(runs));
        } catch (RuntimeException e) {
          failure = e;
          throw e;
        }
        outcomes.putAll(these);
        written.addAll(group);
        groups++;
        writing += System.nanoTime() - t;
      } finally {
        lock.unlock();
      }
      if (metrics != null) {
        fresh.forEach(r -> metrics.enrollmentStarted("bulk"));
      }
    }
  }

  private static void acquire(java.util.concurrent.Semaphore permits) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while enrolling a page", e);
    }
  }

  @Override
  public void finish(String jobId, String state, String reason) {
    jobs.finish(jobId, state, reason);
  }

  /** The job's next page of contact ids, in id order, after {@code after}. */
  private List<String> ids(BulkJobs.Stored job, String after, int size) {
    if (job.source().list() == null && job.source().segment() != null) {
      return transactions.executeRead(status -> contacts.idsAfter(job.accountId(), after, size));
    }
    String sql =
        job.source().list() != null
            ? """
              select m.contact_id from list_members m join lists l on l.id = m.list_id
              where l.account_id = ? and l.name = ? and m.contact_id > ? order by m.contact_id limit ?"""
            : """
              select contact_id from bulk_job_targets where job_id = ? and ? = ''
              and contact_id > ? order by contact_id limit ?""";
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                sql,
                ps -> {
                  ps.setString(1, job.source().list() != null ? job.accountId() : job.id());
                  ps.setString(2, job.source().list() != null ? job.source().list() : "");
                  ps.setString(3, after);
                  ps.setInt(4, size);
                  List<String> out = new ArrayList<>();
                  try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.add(rs.getString(1));
                    }
                  }
                  return out;
                }));
  }

  /** Those of {@code ids} whose outcome the job has already. */
  private Set<String> done(String jobId, List<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                "select contact_id from bulk_job_outcomes where job_id = ? and contact_id = any (?)",
                ps -> {
                  ps.setString(1, jobId);
                  ps.setArray(2, ps.getConnection().createArrayOf("text", ids.toArray()));
                  Set<String> out = new HashSet<>();
                  try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                      out.add(rs.getString(1));
                    }
                  }
                  return out;
                }));
  }

  /** Keeps each new outcome once and adds the new ones to the job's counts. */
  private void record(String jobId, Map<String, String> outcomes) {
    if (outcomes.isEmpty()) {
      return;
    }
    transactions.executeWrite(
        status -> {
          Map<String, Long> added = new LinkedHashMap<>();
          jdbc.prepareStatement(
              """
              insert into bulk_job_outcomes (job_id, contact_id, outcome)
              select ?, c, o from unnest(?::text[], ?::text[]) as t(c, o)
              on conflict do nothing
              returning outcome""",
              ps -> {
                ps.setString(1, jobId);
                var entries = List.copyOf(outcomes.entrySet());
                var c = ps.getConnection();
                ps.setArray(
                    2, c.createArrayOf("text", entries.stream().map(Map.Entry::getKey).toArray()));
                ps.setArray(
                    3,
                    c.createArrayOf("text", entries.stream().map(Map.Entry::getValue).toArray()));
                try (var rs = ps.executeQuery()) {
                  while (rs.next()) {
                    added.merge(rs.getString(1), 1L, Long::sum);
                  }
                }
                return null;
              });
          long enrolled = added.getOrDefault("enrolled", 0L);
          long failed = added.getOrDefault("failed", 0L);
          Map<String, Long> skipped = new LinkedHashMap<>(added);
          skipped.remove("enrolled");
          skipped.remove("failed");
          jdbc.prepareStatement(
              """
              update bulk_jobs set enrolled = enrolled + ?, failed = failed + ?,
              skipped = (select coalesce(jsonb_object_agg(k, v), '{}'::jsonb) from (
                select k, sum(v)::bigint as v from (
                  select key as k, value::bigint as v from jsonb_each_text(skipped)
                  union all select key, value::bigint from jsonb_each_text(cast(? as jsonb))) s
                group by k) t)
              where id = ?""",
              ps -> {
                ps.setLong(1, enrolled);
                ps.setLong(2, failed);
                ps.setString(3, dev.automap.definitions.model.MapJson.write(skipped));
                ps.setString(4, jobId);
                return ps.executeUpdate();
              });
          return null;
        });
  }

  /** Holds the {@code n}th start of a page until its time at the job's rate. */
  private void pace(long startedNanos, int n) {
    long due = startedNanos + (long) (n * 1_000_000_000L / config.rate());
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing bulk starts", e);
      }
    }
  }

  /**
   * Why a contact was skipped, as a short name: {@code no_contact}, {@code not_in_segment}, {@code
   * not_in_audience}, {@code already_running}, {@code already_enrolled}, {@code loop_guard}, else
   * {@code refused}.
   */
  static String skipReason(String reason) {
    if (reason == null) {
      return "refused";
    }
    if (reason.startsWith("no contact")) {
      return "no_contact";
    }
    if (reason.contains("trigger's audience")) {
      return "not_in_segment";
    }
    if (reason.contains("audience")) {
      return "not_in_audience";
    }
    if (reason.contains("already has a run")) {
      return "already_running";
    }
    if (reason.contains("does not allow re-enrollment")) {
      return "already_enrolled";
    }
    if (reason.startsWith("loop guard")) {
      return "loop_guard";
    }
    return "refused";
  }
}
