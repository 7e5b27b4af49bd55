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

  /** The step a bad-map failure names; null when it names none. */
  static String step(ApplicationFailure failure) {
    String message = failure.getOriginalMessage();
    if (message == null || !message.startsWith("step \"")) {
      return null;
    }
    int end = message.indexOf("\":", 6);
    return end < 0 ? null : message.substring(6, end);
  }
}
