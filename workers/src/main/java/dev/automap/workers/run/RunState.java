package dev.automap.workers.run;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a run stands, as the {@code status} query, the {@code RunState} search attribute and the
 * run's outcome name it (engine.md): always the lowercase {@link #value()}.
 */
public enum RunState {
  /** A path is doing a step. */
  RUNNING,
  /** Every path that has not ended waits (for a time, an event, a goal, another run). */
  WAITING,
  /** Held by the {@code pause} signal: nothing is sent until {@code resume}. */
  PAUSED,
  /** Every path came to its end, or an {@code end} step or a failing step ended the run. */
  COMPLETED,
  /** Ended early: an {@code exit} signal, an exit criterion, the contact leaving the audience. */
  EXITED,
  /**
   * Ended by a failure: a step's action failed for good and its {@code onError} ended the run, or
   * the map could not be followed.
   */
  FAILED;

  /** The name in JSON, search attributes and histories. */
  @JsonValue
  public String value() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** How a run that has ended came out: exited when it was given a reason to exit. */
  static RunState ended(boolean exited) {
    return exited ? EXITED : COMPLETED;
  }

  /** As {@link #ended(boolean)}, failed when a failure ended it (and it was not exited first). */
  static RunState ended(boolean exited, boolean failed) {
    return exited ? EXITED : failed ? FAILED : COMPLETED;
  }
}
