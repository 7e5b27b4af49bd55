package dev.automap.workers.run;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The activities a run calls besides its actions, each stub summarised as {@code "<step>: <what it
 * asks>"} (the summary is metadata: it adds no event and changes nothing on replay).
 */
final class RunStubs {

  /**
   * Facts local activities. Their arguments (the run's vars, the event) are left out of the marker
   * history keeps: only the answer is recorded, which is all a replay reads.
   */
  private static final LocalActivityOptions FACTS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
          .setDoNotIncludeArgumentsIntoMarker(true)
          .build();

  private static final ActivityOptions ENGINE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
          .build();

  /** Engine records made at once: retried every few seconds for up to an hour of a store outage. */
  private static final LocalActivityOptions ENGINE_LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(5)).build())
          .build();

  private RunStubs() {}

  /** The facts local activities. */
  static FactsActivities facts(String stepId, String asks) {
    return Workflow.newLocalActivityStub(
        FactsActivities.class, FACTS.toBuilder().setSummary(stepId + ": " + asks).build());
  }

  /** The engine's activities. */
  static EngineActivities engine(String stepId, String asks) {
    return Workflow.newActivityStub(
        EngineActivities.class, ENGINE.toBuilder().setSummary(stepId + ": " + asks).build());
  }

  /** The engine's local activities. */
  static EngineActivities engineLocal(String stepId, String asks) {
    return Workflow.newLocalActivityStub(
        EngineActivities.class, ENGINE_LOCAL.toBuilder().setSummary(stepId + ": " + asks).build());
  }
}
