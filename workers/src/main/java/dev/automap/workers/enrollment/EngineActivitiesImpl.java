package dev.automap.workers.enrollment;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.AfterAction;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.automations.WorkflowIds;
import dev.automap.workers.migration.Migrations;
import dev.automap.workers.run.EngineActivities;
import dev.automap.workers.run.RunActivities;
import dev.automap.workers.store.ActionLedgerRepository;
import dev.automap.workers.store.DripStore;
import dev.automap.workers.store.LedgerEntry;
import dev.automap.workers.timeline.StepCounters;
import dev.automap.workers.timeline.StepMarks;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The engine activities of a run (enrollments, goals, drip batches) on the store. */
@Singleton
public class EngineActivitiesImpl implements EngineActivities, RunActivities, AfterAction.Ender {
  /** Who claimed a run's end in the action ledger: the last action's activity, or the run. */
  static final String ENDED = "engine.end";

  static final String HELD = "engine.hold";

  private final AutomationCatalog catalog;
  private final EnrollmentService enrollments;
  private final DripStore drips;
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;
  private final StepCounters counters;
  private final Migrations migrations;
  @jakarta.inject.Inject ActionLedgerRepository ledger;

  public EngineActivitiesImpl(
      AutomationCatalog catalog,
      EnrollmentService enrollments,
      DripStore drips,
      StepCounters counters,
      Migrations migrations) {
    this.counters = counters;
    this.migrations = migrations;
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.drips = drips;
  }

  @Override
  public Enrolled enroll(
      String key,
      String accountId,
      String automationKey,
      String contactId,
      String notifyWorkflowId,
      Map<String, Object> event) {
    String workflowId = WorkflowIds.of(accountId, automationKey, contactId);
    if (enrollments.startedBy(key)) {
      return new Enrolled(workflowId, null);
    }
    AutomationCatalog.Saved active;
    try {
      active = catalog.active(accountId, automationKey);
    } catch (AutomationCatalog.NoSuchAutomation e) {
      return new Enrolled(null, e.getMessage());
    }
    try {
      String started =
          enrollments.enroll(
              accountId, active.version(), active.map(), contactId, event, notifyWorkflowId, key);
      if (metrics != null) {
        metrics.enrollmentStarted("enroll_step");
      }
      return new Enrolled(started, null);
    } catch (EnrollmentService.EnrollmentRefused e) {
      if (e.alreadyRunning()) {
        // an earlier attempt may have started the run and died before recording it: the
        // contact is in that automation now, which is what the step asked
        String running =
            enrollments.adoptRunning(accountId, automationKey, active.version(), contactId);
        if (running != null) {
          return new Enrolled(running, null);
        }
      }
      return new Enrolled(null, e.getMessage());
    }
  }

  @Override
  public void finish(
      String workflowId, String state, String reason, Instant endedAt, StepMarks marks) {
    // the marks first: the end then clears the run's positions, the last marks' among them
    if (marks != null) {
      counters.apply(marks);
    }
    enrollments.finish(workflowId, state, reason, endedAt);
  }

  @Override
  public boolean endAfter(ActionRequest request, AfterAction.End end, StepMarks marks) {
    if (!claimed(request.idempotencyKey(), request.accountId(), request.contactId(), ENDED)) {
      return false;
    }
    finish(end.workflowId(), end.state(), end.reason(), Instant.now(), marks);
    return true;
  }

  @Override
  public void holdEnd(String actionKey, String accountId, String contactId) {
    claimed(actionKey, accountId, contactId, HELD);
  }

  /**
   * Whether {@code who} holds the end of the run whose last action has {@code actionKey}: it
   * claimed it now, or an earlier attempt of its did. The first claim wins, for good.
   */
  private boolean claimed(String actionKey, String accountId, String contactId, String who) {
    String key = actionKey + "/end";
    return ledger.claim(key, accountId, contactId, who) == 1
        || ledger.find(key).map(LedgerEntry::action).filter(who::equals).isPresent();
  }

  @Override
  public void goalMet(String workflowId, String runId, String goalStepId) {
    enrollments.goalMet(workflowId, runId, goalStepId);
  }

  @Override
  public void steps(StepMarks marks) {
    counters.apply(marks);
  }

  @Override
  public AutomationMap migrate(MigrationMove move) {
    return migrations.recordMove(move);
  }

  @Override
  public void migrationRefused(String migrationId, String workflowId, String step, String reason) {
    migrations.recordRefusal(migrationId, workflowId, step, reason);
  }

  @Override
  public Instant drip(
      String key,
      String accountId,
      String automationKey,
      String stepId,
      int batchSize,
      Duration every,
      Instant now) {
    return drips.reserve(key, accountId, automationKey, stepId, batchSize, every, now);
  }
}
