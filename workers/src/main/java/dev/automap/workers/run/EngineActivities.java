package dev.automap.workers.run;

import dev.automap.workers.timeline.StepMarks;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What a run asks of the engine's store: enrollments in other maps, and drip batches. */
@ActivityInterface
public interface EngineActivities {

  /** The outcome of an {@code enroll} step: the run started, or why not. */
  record Enrolled(String enrollmentId, String refused) {}

  /**
   * Enrolls the contact in another automation's active version, under that map's rules.
   *
   * @param notifyWorkflowId when set, the new run signals this workflow an {@code
   *     automation.completed} or {@code automation.exited} event as it ends
   * @param key the step's action key: a retry answers as the first attempt did
   */
  @ActivityMethod(name = "engine.enroll")
  Enrolled enroll(
      String key,
      String accountId,
      String automationKey,
      String contactId,
      String notifyWorkflowId,
      Map<String, Object> event);

  /**
   * Records in the enrollments table how the run ended ({@code completed}, {@code exited} or {@code
   * failed}), after counting the step marks the run had not told yet (each once, as {@link #steps}
   * does: a retry counts nothing twice).
   *
   * @param marks the marks not yet told; null when there are none, or the run told them in a local
   *     activity of its own (runs recorded before history version 1)
   */
  @ActivityMethod(name = "engine.finish")
  void finish(String workflowId, String state, String reason, Instant endedAt, StepMarks marks);

  /**
   * Holds the end the activity of the run's last action was asked to record ({@code
   * AfterAction.End}), because the run heard something while the action ran: the activity then
   * records no end, and the run ends as it decides. Nothing when the activity recorded it first.
   *
   * @param actionKey the last action's key
   */
  @ActivityMethod(name = "engine.holdEnd")
  void holdEnd(String actionKey, String accountId, String contactId);

  /** Raises {@code automation.goal_met} for a goal step of the run. */
  @ActivityMethod(name = "engine.goal")
  void goalMet(String workflowId, String runId, String goalStepId);

  /** Counts the steps a run entered and left (each mark once) and logs the flow steps. */
  @ActivityMethod(name = "engine.steps")
  void steps(StepMarks marks);

  /**
   * A run moving to another version of its map (the {@code migrate} signal): where it stood and
   * where it goes on.
   *
   * @param runId the run that moves: the move counts once per run, however often it is asked
   * @param fromSteps the steps it stood on (several after a fork), in the order of {@code toSteps}
   */
  record MigrationMove(
      String workflowId,
      String runId,
      String accountId,
      String automationKey,
      int fromVersion,
      int toVersion,
      String migrationId,
      java.util.List<String> fromSteps,
      java.util.List<String> toSteps) {}

  /**
   * Records the move (the enrollment follows the run to the new version, the versions count a run
   * migrated out and in, the migration its progress) and answers the new version's map; null when
   * that version cannot be followed (it does not exist, or lacks a step moved to): nothing is then
   * recorded and the run stays.
   */
  @ActivityMethod(name = "engine.migrate")
  dev.automap.definitions.model.AutomationMap migrate(MigrationMove move);

  /** Records that a run refused a migration: it stood on {@code step}, which has no mapping. */
  @ActivityMethod(name = "engine.migrationRefused")
  void migrationRefused(String migrationId, String workflowId, String step, String reason);

  /** When a contact arriving at a drip step now is released (the same for the same key). */
  @ActivityMethod(name = "engine.drip")
  Instant drip(
      String key,
      String accountId,
      String automationKey,
      String stepId,
      int batchSize,
      Duration every,
      Instant now);
}
