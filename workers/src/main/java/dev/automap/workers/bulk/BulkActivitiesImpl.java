package dev.automap.workers.bulk;

import dev.automap.workers.automations.AutomationCatalog;
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

  public BulkActivitiesImpl(
      BulkJobs jobs,
      BulkConfig config,
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      ContactPages contacts,
      TriggerEnrollment enrollment) {
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

  @Override
  public Page page(String jobId, String after) {
    BulkJobs.Stored job = jobs.stored(jobId);
    if (!"running".equals(job.state())) {
      return new Page(0, 0, 0, null);
    }
    var live = enrollment.live(job.accountId(), job.automationKey());
    if (live.isEmpty()) {
      jobs.finish(jobId, "stopped", "automation " + job.automationKey() + " is not active");
      return new Page(0, 0, 0, null);
    }
    int size = config.pageSize();
    List<String> ids = ids(job, after, size);
    Set<String> done = done(jobId, ids);
    Map<String, String> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
    long started = System.nanoTime();
    int starts = 0;
    RuntimeException unavailable = null;
    // starts go out at the job's rate, a few at once (each waits on the store and on Temporal)
    var inFlight = new java.util.concurrent.Semaphore(config.concurrency());
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (String contactId : ids) {
        if (done.contains(contactId)) {
          continue;
        }
        pace(started, starts++);
        acquire(inFlight);
        futures.add(
            executor.submit(
                () -> {
                  try {
                    outcomes.put(contactId, enrollOne(job, live.get(), contactId));
                  } finally {
                    inFlight.release();
                  }
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
    if (unavailable != null) {
      // what started is kept; the page is retried once Temporal answers, the rest then
      record(jobId, outcomes);
      throw TemporalUnavailable.classify(unavailable, "bulk job " + jobId + " paused");
    }
    record(jobId, outcomes);
    int enrolled = (int) outcomes.values().stream().filter("enrolled"::equals).count();
    int failed = (int) outcomes.values().stream().filter("failed"::equals).count();
    return new Page(
        enrolled,
        outcomes.size() - enrolled - failed,
        failed,
        ids.size() < size ? null : ids.getLast());
  }

  /** Enrolls one contact: {@code enrolled}, why it was skipped, or {@code failed}. */
  private String enrollOne(BulkJobs.Stored job, AutomationCatalog.Saved live, String contactId) {
    try {
      var result =
          enrollment.enroll(
              live,
              job.accountId(),
              contactId,
              job.source().segment(),
              Instant.now(),
              "bulk/" + job.id() + "/" + contactId,
              null);
      return result.enrolled() ? "enrolled" : skipReason(result.reason());
    } catch (RuntimeException e) {
      if (TemporalUnavailable.causes(e)) {
        throw e;
      }
      LOG.warn("bulk job {}: contact {} was not enrolled: {}", job.id(), contactId, e.toString());
      return "failed";
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
              insert into bulk_job_outcomes (job_id, contact_id, outcome) values (?, ?, ?)
              on conflict do nothing""",
              ps -> {
                for (var e : outcomes.entrySet()) {
                  ps.setString(1, jobId);
                  ps.setString(2, e.getKey());
                  ps.setString(3, e.getValue());
                  if (ps.executeUpdate() == 1) {
                    added.merge(e.getValue(), 1L, Long::sum);
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
