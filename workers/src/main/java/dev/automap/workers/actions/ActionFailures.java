package dev.automap.workers.actions;

import io.temporal.failure.ApplicationFailure;

/** The failures of actions that no retry can mend: the step's input is at fault. */
public final class ActionFailures {
  /**
   * Failure type of bad step input: a missing field, an unknown user or pipeline, a value of the
   * wrong kind.
   */
  public static final String BAD_INPUT = "BadActionInput";

  private ActionFailures() {}

  public static ApplicationFailure badInput(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, BAD_INPUT);
  }

  public static ApplicationFailure badInput(String message, Throwable cause) {
    return ApplicationFailure.newNonRetryableFailureWithCause(message, BAD_INPUT, cause);
  }
}
