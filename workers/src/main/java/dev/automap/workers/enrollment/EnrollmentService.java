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
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts runs: one running per contact and automation, re-enrollment rules enforced. */
@Singleton
public class EnrollmentService {
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;
  private static final Logger LOG = LoggerFactory.getLogger(EnrollmentService.class);
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

  public EnrollmentService(
      WorkflowClient client,
      TemporalConfig config,
      EnrollmentRepository enrollments,
      ActionLedgerRepository ledger,
      ContactFacts contactFacts,
      EventLog events,
      LoopGuard loopGuard,
      StepCounters counters) {
    this.counters = counters;
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
   * and raises nothing.
   */
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
  public void recordGone(Enrollment run, String state, String reason) {
    if (enrollments.finish(run.workflowId(), state, Instant.now(), reason) > 0) {
      counters.bumpRun(run.accountId(), run.automationKey(), run.version(), state, 1);
      counters.forgetPositions(run.workflowId());
    }
  }

  /**
   * Raises {@code automation.goal_met} for a run's goal step, once: the event's id is made of the
   * run and the goal, so a retried call raises nothing more.
   */
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
   * enrollments table when the table lacks it (a start whose record was never written).
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
        enrollments.save(
            new Enrollment(
                workflowId,
                info.getExecution().getRunId(),
                accountId,
                automationKey,
                version,
                contactId,
                EnrollmentState.RUNNING.wire(),
                Instant.now(),
                null,
                null));
        counters.bumpRun(accountId, automationKey, version, "enrolled", 1);
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
    Reenroll reenroll =
        map.enrollment() == null ? Reenroll.NEVER : map.enrollment().reenrollOrDefault();
    if (reenroll == Reenroll.NEVER && enrollments.existsByWorkflowId(workflowId)) {
      throw new EnrollmentRefused(
          "contact "
              + contactId
              + " was already enrolled in "
              + map.key()
              + " and it does not allow re-enrollment");
    }
    if (enrollments.existsByWorkflowIdAndState(workflowId, EnrollmentState.RUNNING.wire())) {
      throw new EnrollmentRefused(
          "contact " + contactId + " already has a run in " + map.key(), true);
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
    if (recent >= loopGuard.maxEnrollments()) {
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
      throw new EnrollmentRefused(
          "loop guard: contact "
              + contactId
              + " enrolled "
              + recent
              + " times in "
              + map.key()
              + " within "
              + loopGuard.window());
    }
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
        enrollments.save(
            new Enrollment(
                workflowId,
                execution.getRunId(),
                accountId,
                map.key(),
                version,
                contactId,
                EnrollmentState.RUNNING.wire(),
                Instant.now(),
                null,
                null));
        counters.bumpRun(accountId, map.key(), version, "enrolled", 1);
        if (actionKey != null) {
          ledger.claim(actionKey, accountId, contactId, "enroll");
        }
        events.raise(
            accountId,
            "automation.enrolled",
            contactId,
            Map.of("automationKey", map.key(), "version", version, "workflowId", workflowId),
            EventSource.engine(workflowId));
        return workflowId;
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
