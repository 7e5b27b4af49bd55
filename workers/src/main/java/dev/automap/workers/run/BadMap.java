package dev.automap.workers.run;

import io.temporal.failure.ApplicationFailure;

/**
 * A map the run cannot follow although it was accepted (it slipped past the validator, or was
 * changed under a running chain): the run fails at once, naming the step, instead of guessing or
 * retrying its workflow task for ever.
 */
final class BadMap {
  /** The failure type, for whoever looks at a failed run. */
  static final String TYPE = "BadMap";

  private BadMap() {}

  static ApplicationFailure at(String stepId, String problem) {
    return ApplicationFailure.newNonRetryableFailure("step \"" + stepId + "\": " + problem, TYPE);
  }

  static boolean is(ApplicationFailure failure) {
    return TYPE.equals(failure.getType());
  }
}
