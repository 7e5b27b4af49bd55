package dev.automap.workers.enrollment;

import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Reenroll;
import dev.automap.workers.automations.WorkflowIds;
import dev.automap.workers.contacts.ContactFacts;
import dev.automap.workers.events.ContactEvent;
import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.run.AutomationRun;
import dev.automap.workers.run.RunInput;
import dev.automap.workers.run.RunSearchAttributes;
import dev.automap.workers.run.RunState;
import dev.automap.workers.store.ActionLedgerRepository;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import dev.automap.workers.temporal.TemporalConfig;
import dev.automap.workers.timeline.StepCounters;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts runs: one running per contact and automation, re-enrollment rules enforced. */
@Singleton
public class EnrollmentService {
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;
  private static final Logger LOG = LoggerFactory.getLogger(EnrollmentService.class);
  private static final String ENROLLED = "automation.enrolled";
  private static final int CLOSING_ATTEMPTS = 20;
  private static final java.time.Duration CLOSING_PAUSE = java.time.Duration.ofMillis(100);
  private final WorkflowClient client;
  private final TemporalConfig config;
  private final EnrollmentRepository enrollments;
  private final ActionLedgerRepository ledger;
  private final ContactFacts contactFacts;
  private final EventLog events;
  private final LoopGuard loopGuard;
  private final StepCounters counters;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;

  public EnrollmentService(
      WorkflowClient client,
      TemporalConfig config,
      EnrollmentRepository enrollments,
      ActionLedgerRepository ledger,
      ContactFacts contactFacts,
      EventLog events,
      LoopGuard loopGuard,
      StepCounters counters,
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
    this.counters = counters;
    this.jdbc = jdbc;
    this.client = client;
    this.config = config;
    this.enrollments = enrollments;
    this.ledger = ledger;
    this.contactFacts = contactFacts;
    this.events = events;
    this.loopGuard = loopGuard;
  }

  /**
   * Records how a run ended ({@code completed}, {@code exited} or {@code failed}) and raises {@code
   * automation.completed} or {@code automation.exited}; a failed run raises {@code
   * automation.completed} with {@code state: failed}, as runs that failed did before they were told
   * apart, so maps that follow another's completion hear them as before. A repeat changes nothing
   * and raises nothing. One transaction: the end recorded, counted and raised, or none of them, so
   * a repeat after a failure between them still raises the event.
   */
  @Transactional
  public void finish(String workflowId, String state, String reason, Instant endedAt) {
    enrollments
        .latestRun(workflowId)
        .ifPresent(
            e -> {
              if (enrollments.finish(workflowId, state, endedAt, reason) > 0) {
                if (metrics != null) {
                  metrics.runEnded(state);
                }
                counters.bumpRun(e.accountId(), e.automationKey(), e.version(), state, 1);
                counters.forgetPositions(workflowId);
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("automationKey", e.automationKey());
                data.put("workflowId", workflowId);
                data.put("state", state);
                if (reason != null) {
                  data.put("reason", reason);
                }
                events.raise(
                    e.accountId(),
                    "automation."
                        + (EnrollmentState.FAILED.is(state)
                            ? EnrollmentState.COMPLETED.wire()
                            : state),
                    e.contactId(),
                    data,
                    EventSource.engine(workflowId));
              }
            });
  }

  /**
   * Records the end of a run Temporal no longer has ({@code ended}, or {@code lost} with an
   * in-memory service), raising nothing: nobody saw how it ended.
   */
  @Transactional
  public void recordGone(Enrollment run, String state, String reason) {
    if (enrollments.finish(run.workflowId(), state, Instant.now(), reason) > 0) {
      counters.bumpRun(run.accountId(), run.automationKey(), run.version(), state, 1);
      counters.forgetPositions(run.workflowId());
    }
  }

  /**
   * Raises {@code automation.goal_met} for a run's goal step, once: the event's id is made of the
   * run and the goal, so a retried call raises nothing more, and is counted in the same
   * transaction.
   */
  @Transactional
  public void goalMet(String workflowId, String runId, String goalStepId) {
    enrollments
        .latestRun(workflowId)
        .ifPresent(
            e -> {
              boolean first =
                  events.record(
                      e.accountId(),
                      new ContactEvent(
                          workflowId + "/" + runId + "/" + goalStepId + "/goal_met",
                          "automation.goal_met",
                          e.contactId(),
                          Instant.now(),
                          Map.of(
                              "automationKey",
                              e.automationKey(),
                              "workflowId",
                              workflowId,
                              "goal",
                              goalStepId)),
                      EventSource.step(workflowId, goalStepId));
              if (first) {
                counters.bumpRun(e.accountId(), e.automationKey(), e.version(), "goals_met", 1);
              }
            });
  }

  /** Whether an {@code enroll} step with this action key already started its run. */
  public boolean startedBy(String actionKey) {
    return ledger.countByKey(actionKey) > 0;
  }

  /** The spec's workflow ID: {@code <accountId>:<automationKey>:<contactId>}. */
  public static String workflowId(String accountId, String automationKey, String contactId) {
    return WorkflowIds.of(accountId, automationKey, contactId);
  }

  /** Why an enrollment was refused. */
  public static class EnrollmentRefused extends RuntimeException {
    private final boolean alreadyRunning;

    public EnrollmentRefused(String message) {
      this(message, false);
    }

    EnrollmentRefused(String message, boolean alreadyRunning) {
      super(message);
      this.alreadyRunning = alreadyRunning;
    }

    /** Refused because the contact has a live run in that automation already. */
    public boolean alreadyRunning() {
      return alreadyRunning;
    }
  }

  /**
   * The live run of {@code <account>:<key>:<contact>} as Temporal knows it, recorded in the
   * enrollments table when the table lacks it (a start whose record was never written), and its
   * {@code automation.enrolled} raised then.
   *
   * @return its workflow ID, or null when no run is live
   */
  public String adoptRunning(
      String accountId, String automationKey, int version, String contactId) {
    String workflowId = workflowId(accountId, automationKey, contactId);
    try {
      var info = client.newUntypedWorkflowStub(workflowId).describe().getWorkflowExecutionInfo();
      if (info.hasCloseTime()) {
        return null;
      }
      if (!enrollments.existsByWorkflowIdAndState(workflowId, EnrollmentState.RUNNING.wire())) {
        // recorded as a start is: with its count and its automation.enrolled, in one transaction
        Started run =
            new Started(
                accountId,
                automationKey,
                version,
                contactId,
                workflowId,
                info.getExecution().getRunId(),
                null);
        transactions.executeWrite(status -> recordStarted(java.util.List.of(run)));
      }
      return workflowId;
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      return null;
    }
  }

  /**
   * Enrolls the contact in that version of the map and returns the workflow ID.
   *
   * @throws EnrollmentRefused when a run is live or the map does not allow another
   */
  public String enroll(
      String accountId,
      int version,
      AutomationMap map,
      String contactId,
      Map<String, Object> event) {
    return enroll(accountId, version, map, contactId, event, null, null);
  }

  /**
   * As {@link #enroll(String, int, AutomationMap, String, Map)}, from a step of another run.
   *
   * @param notifyWorkflowId the run to tell when this one ends (an {@code enroll} step that waits)
   * @param actionKey the step's action key, recorded once the run has started
   */
  public String enroll(
      String accountId,
      int version,
      AutomationMap map,
      String contactId,
      Map<String, Object> event,
      String notifyWorkflowId,
      String actionKey) {
    String workflowId = workflowId(accountId, map.key(), contactId);
    boolean never = reenroll(map) == Reenroll.NEVER;
    Prior prior = new Prior(never && enrollments.existsByWorkflowId(workflowId), false, 0);
    if (!prior.any()) {
      prior =
          new Prior(
              false,
              enrollments.existsByWorkflowIdAndState(workflowId, EnrollmentState.RUNNING.wire()),
              0);
    }
    String refused = priorRefusal(map, contactId, prior);
    if (refused != null) {
      throw new EnrollmentRefused(refused, prior.running());
    }
    if (map.enrollment() != null && map.enrollment().audience() != null) {
      var facts = contactFacts.load(accountId, contactId, Map.of(), event, Instant.now());
      if (!ConditionEvaluator.shared().test(map.enrollment().audience(), facts)) {
        throw new EnrollmentRefused(
            "contact " + contactId + " is not in the audience of " + map.key());
      }
    }
    long recent =
        enrollments.countStartedSince(workflowId, Instant.now().minus(loopGuard.window()));
    refused = loopGuard(accountId, map, contactId, recent);
    if (refused != null) {
      throw new EnrollmentRefused(refused);
    }
    Started started = start(accountId, version, map, contactId, event, notifyWorkflowId, actionKey);
    // recorded as a bulk page's starts are: the run's record, its count, its action key and its
    // automation.enrolled commit together, so a caller that retries after a failure between them
    // (with its action key, the same run) finds none of them written
    transactions.executeWrite(status -> recordStarted(java.util.List.of(started)));
    return workflowId;
  }

  /**
   * What the store holds of a contact's runs in one automation, as the checks before a start see
   * it.
   */
  public record Prior(boolean any, boolean running, long recent) {
    /** No run ever. */
    public static final Prior NONE = new Prior(false, false, 0);
  }

  /**
   * The prior runs of each of these workflow IDs in one query, {@code recent} counting those
   * started within the loop guard's window; a workflow ID with no run is absent.
   */
  @Transactional(readOnly = true)
  public Map<String, Prior> priors(java.util.Collection<String> workflowIds) {
    if (workflowIds.isEmpty()) {
      return Map.of();
    }
    Instant since = Instant.now().minus(loopGuard.window());
    return jdbc.prepareStatement(
        """
        select workflow_id, bool_or(state = ?), count(*) filter (where started_at > ?)
        from enrollments where workflow_id = any (?) group by workflow_id""",
        ps -> {
          ps.setString(1, EnrollmentState.RUNNING.wire());
          ps.setTimestamp(2, java.sql.Timestamp.from(since));
          ps.setArray(3, ps.getConnection().createArrayOf("text", workflowIds.toArray()));
          Map<String, Prior> out = new java.util.HashMap<>();
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), new Prior(true, rs.getBoolean(2), rs.getLong(3)));
            }
          }
          return out;
        });
  }

  /** Those of these action keys under which a run was started already, in one query. */
  @Transactional(readOnly = true)
  public java.util.Set<String> startedByAny(java.util.Collection<String> actionKeys) {
    if (actionKeys.isEmpty()) {
      return java.util.Set.of();
    }
    return jdbc.prepareStatement(
        "select idempotency_key from action_ledger where idempotency_key = any (?)",
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("text", actionKeys.toArray()));
          java.util.Set<String> out = new java.util.HashSet<>();
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
          return out;
        });
  }

  /**
   * Why the contact may not start a run of the map now given its prior runs, or null when it may:
   * the checks of {@link #enroll} but the map's audience (the caller judges it on facts it has), in
   * the same order and words. A stop by the loop guard raises {@code automation.loop_stopped}.
   */
  public String refusal(String accountId, AutomationMap map, String contactId, Prior prior) {
    String refused = priorRefusal(map, contactId, prior);
    return refused != null ? refused : loopGuard(accountId, map, contactId, prior.recent());
  }

  /** Whether and when the map lets a contact enroll again; never when it does not say. */
  private static Reenroll reenroll(AutomationMap map) {
    return map.enrollment() == null ? Reenroll.NEVER : map.enrollment().reenrollOrDefault();
  }

  private static String priorRefusal(AutomationMap map, String contactId, Prior prior) {
    Reenroll reenroll = reenroll(map);
    if (reenroll == Reenroll.NEVER && prior.any()) {
      return "contact "
          + contactId
          + " was already enrolled in "
          + map.key()
          + " and it does not allow re-enrollment";
    }
    if (prior.running()) {
      return "contact " + contactId + " already has a run in " + map.key();
    }
    return null;
  }

  /** The loop guard's refusal when the contact started {@code recent} runs within its window. */
  private String loopGuard(String accountId, AutomationMap map, String contactId, long recent) {
    if (recent < loopGuard.maxEnrollments()) {
      return null;
    }
    String workflowId = workflowId(accountId, map.key(), contactId);
    LOG.warn(
        "Loop guard: contact {} enrolled {} times in {} within {}; not enrolling again",
        contactId,
        recent,
        map.key(),
        loopGuard.window());
    events.raise(
        accountId,
        "automation.loop_stopped",
        contactId,
        Map.of(
            "automationKey",
            map.key(),
            "enrollments",
            recent,
            "window",
            loopGuard.window().toString()),
        EventSource.engine(workflowId));
    return "loop guard: contact "
        + contactId
        + " enrolled "
        + recent
        + " times in "
        + map.key()
        + " within "
        + loopGuard.window();
  }

  /** A run started in Temporal, for the store to record. */
  public record Started(
      String accountId,
      String automationKey,
      int version,
      String contactId,
      String workflowId,
      String runId,
      String actionKey) {}

  /**
   * Starts the contact's run in Temporal, and only there: the caller records it ({@link
   * #recordStarted}). With an action key the same start asked again answers the same run.
   *
   * @throws EnrollmentRefused when a run of the workflow ID is live in Temporal
   */
  public Started start(
      String accountId,
      int version,
      AutomationMap map,
      String contactId,
      Map<String, Object> event,
      String notifyWorkflowId,
      String actionKey) {
    String workflowId = workflowId(accountId, map.key(), contactId);
    Reenroll reenroll = reenroll(map);
    WorkflowOptions.Builder builder =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(config.taskQueue())
            .setWorkflowIdReusePolicy(
                reenroll == Reenroll.NEVER
                    ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
                    : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(RunSearchAttributes.ACCOUNT_ID, accountId)
                    .set(RunSearchAttributes.AUTOMATION_KEY, map.key())
                    .set(RunSearchAttributes.AUTOMATION_VERSION, (long) version)
                    .set(RunSearchAttributes.CONTACT_ID, contactId)
                    .set(RunSearchAttributes.CURRENT_STEP, map.start())
                    .set(RunSearchAttributes.RUN_STATE, RunState.RUNNING.value())
                    .build())
            .setStaticSummary(summary(map, version, contactId))
            .setStaticDetails(details(map, version, contactId, event));
    if (actionKey != null) {
      // the same start asked again (its caller stopped before hearing the answer) is the same
      // run, not a second one, even when that run has ended meanwhile
      builder.setRequestId(
          java.util
              .UUID
              .nameUUIDFromBytes(actionKey.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toString());
    }
    WorkflowOptions options = builder.build();
    RunInput input =
        RunInput.of(accountId, map.key(), version, contactId, map, event)
            .notifying(notifyWorkflowId);
    for (int attempt = 1; ; attempt++) {
      AutomationRun run = client.newWorkflowStub(AutomationRun.class, options);
      try {
        var execution =
            dev.automap.workers.temporal.TemporalUnavailable.within(
                () -> WorkflowClient.start(run::run, input));
        return new Started(
            accountId, map.key(), version, contactId, workflowId, execution.getRunId(), actionKey);
      } catch (io.temporal.client.WorkflowServiceException e) {
        throw dev.automap.workers.temporal.TemporalUnavailable.classify(
            e, "contact " + contactId + " was not enrolled in " + map.key());
      } catch (WorkflowExecutionAlreadyStarted e) {
        // a run that has recorded its end may still be closing in Temporal: a re-enrollment it
        // triggered itself (automation.completed) waits for it a moment
        if (attempt >= CLOSING_ATTEMPTS
            || enrollments.existsByWorkflowIdAndState(workflowId, EnrollmentState.RUNNING.wire())) {
          throw new EnrollmentRefused(
              "contact " + contactId + " already has a run in " + map.key(), true);
        }
        pause(map);
      }
    }
  }

  /**
   * Records runs {@link #start}ed, in the caller's transaction, one statement per kind: their
   * enrollments, the counters, the action keys, and the {@code automation.enrolled} of each run
   * newly recorded. A run recorded before is left as it was and raises nothing again.
   *
   * @return those newly recorded
   */
  @Transactional
  public java.util.List<Started> recordStarted(java.util.List<Started> runs) {
    if (runs.isEmpty()) {
      return java.util.List.of();
    }
    int n = runs.size();
    String[] workflowIds = new String[n];
    String[] runIds = new String[n];
    String[] accounts = new String[n];
    String[] keys = new String[n];
    Integer[] versions = new Integer[n];
    String[] contacts = new String[n];
    for (int i = 0; i < n; i++) {
      Started r = runs.get(i);
      workflowIds[i] = r.workflowId();
      runIds[i] = r.runId();
      accounts[i] = r.accountId();
      keys[i] = r.automationKey();
      versions[i] = r.version();
      contacts[i] = r.contactId();
    }
    java.util.Set<String> inserted =
        jdbc.prepareStatement(
            """
            insert into enrollments
              (workflow_id, run_id, account_id, automation_key, version, contact_id, state, started_at)
            select w, r, a, k, v, c, ?, now()
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::text[])
              as t(w, r, a, k, v, c)
            on conflict do nothing
            returning workflow_id, run_id""",
            ps -> {
              var c = ps.getConnection();
              ps.setString(1, EnrollmentState.RUNNING.wire());
              ps.setArray(2, c.createArrayOf("text", workflowIds));
              ps.setArray(3, c.createArrayOf("text", runIds));
              ps.setArray(4, c.createArrayOf("text", accounts));
              ps.setArray(5, c.createArrayOf("text", keys));
              ps.setArray(6, c.createArrayOf("integer", versions));
              ps.setArray(7, c.createArrayOf("text", contacts));
              java.util.Set<String> out = new java.util.HashSet<>();
              try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                  out.add(rs.getString(1) + "/" + rs.getString(2));
                }
              }
              return out;
            });
    java.util.List<Started> fresh =
        runs.stream().filter(r -> inserted.contains(r.workflowId() + "/" + r.runId())).toList();
    Map<java.util.List<Object>, Long> perVersion = new java.util.LinkedHashMap<>();
    for (Started r : fresh) {
      perVersion.merge(
          java.util.List.of(r.accountId(), r.automationKey(), r.version()), 1L, Long::sum);
    }
    perVersion.forEach(
        (k, count) ->
            counters.bumpRun(
                (String) k.get(0), (String) k.get(1), (int) k.get(2), "enrolled", count));
    java.util.List<Started> keyed = runs.stream().filter(r -> r.actionKey() != null).toList();
    if (!keyed.isEmpty()) {
      jdbc.prepareStatement(
          """
          insert into action_ledger (idempotency_key, account_id, contact_id, action)
          select k, a, c, 'enroll' from unnest(?::text[], ?::text[], ?::text[]) as t(k, a, c)
          on conflict do nothing""",
          ps -> {
            var c = ps.getConnection();
            ps.setArray(
                1, c.createArrayOf("text", keyed.stream().map(Started::actionKey).toArray()));
            ps.setArray(
                2, c.createArrayOf("text", keyed.stream().map(Started::accountId).toArray()));
            ps.setArray(
                3, c.createArrayOf("text", keyed.stream().map(Started::contactId).toArray()));
            return ps.executeUpdate();
          });
    }
    announce(fresh);
    return fresh;
  }

  /** Raises {@code automation.enrolled} for each run, stored in one statement per account. */
  private void announce(java.util.List<Started> runs) {
    Map<String, java.util.List<Started>> byAccount = new java.util.LinkedHashMap<>();
    for (Started r : runs) {
      byAccount.computeIfAbsent(r.accountId(), k -> new java.util.ArrayList<>()).add(r);
    }
    byAccount.forEach(
        (accountId, list) -> {
          java.util.List<ContactEvent> batch = new java.util.ArrayList<>();
          java.util.List<EventSource> sources = new java.util.ArrayList<>();
          for (Started r : list) {
            batch.add(
                new ContactEvent(
                    dev.automap.workers.store.Ids.next("evt"),
                    ENROLLED,
                    r.contactId(),
                    Instant.now(),
                    enrolled(r.automationKey(), r.version(), r.workflowId())));
            sources.add(EventSource.engine(r.workflowId()));
          }
          events.recordAll(accountId, batch, sources);
        });
  }

  /** The data of the {@code automation.enrolled} event a started run raises. */
  private static Map<String, Object> enrolled(
      String automationKey, int version, String workflowId) {
    return Map.of("automationKey", automationKey, "version", version, "workflowId", workflowId);
  }

  private static void pause(AutomationMap map) {
    try {
      Thread.sleep(CLOSING_PAUSE.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new EnrollmentRefused(
          "interrupted while the previous run of " + map.key() + " was closing");
    }
  }

  /** The run's static summary: the automation, its version and the contact's id. */
  static String summary(AutomationMap map, int version, String contactId) {
    String label = map.name() == null ? map.key() : map.name() + " (" + map.key() + ")";
    return label + ", version " + version + ", contact " + contactId;
  }

  /**
   * The run's static details: automation key, name, version, contact id and the event that enrolled
   * it (its type and id, never its data).
   */
  static String details(
      AutomationMap map, int version, String contactId, Map<String, Object> event) {
    StringBuilder text = new StringBuilder();
    text.append("- **Automation** ").append(map.key());
    if (map.name() != null) {
      text.append(" (").append(map.name()).append(")");
    }
    text.append("\n- **Version** ").append(version);
    text.append("\n- **Contact** ").append(contactId);
    Object type = event == null ? null : event.get("type");
    Object id = event == null ? null : event.get("id");
    text.append("\n- **Enrolled by** ")
        .append(type == null ? "a direct enrollment" : type + (id == null ? "" : " " + id));
    return text.toString();
  }
}
