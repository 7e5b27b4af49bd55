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

  /** Records in the enrollments table how the run ended ({@code completed} or {@code exited}). */
  @ActivityMethod(name = "engine.finish")
  void finish(String workflowId, String state, String reason, Instant endedAt);

  /** Raises {@code automation.goal_met} for a goal step of the run. */
  @ActivityMethod(name = "engine.goal")
  void goalMet(String workflowId, String runId, String goalStepId);

  /** Counts the steps a run entered and left (each mark once) and logs the flow steps. */
  @ActivityMethod(name = "engine.steps")
  void steps(StepMarks marks);

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
