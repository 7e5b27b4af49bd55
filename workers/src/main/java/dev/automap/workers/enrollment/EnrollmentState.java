package dev.automap.workers.enrollment;

/**
 * Where a contact's enrollment in an automation stands: {@code enrollments.state} holds the {@link
 * #wire} name, which the API and the contact's timeline show. One row per run; only a {@link
 * #RUNNING} row is open.
 */
public enum EnrollmentState {
  /** The run is open: moving, waiting or paused (the run's own state says which). */
  RUNNING("running"),
  /** The run ended: the end of its paths, an {@code end} step, {@code delete_contact}. */
  COMPLETED("completed"),
  /**
   * The run was made to leave: an exit condition, leaving the audience, an {@code exit} signal
   * ({@code unenroll}, the API).
   */
  EXITED("exited"),
  /**
   * The run ended by a failure: an action failed for good and its {@code onError} ended the run, or
   * the map could not be followed.
   */
  FAILED("failed"),
  /**
   * Recorded by event routing for a row still marked running whose workflow Temporal no longer has:
   * it ended without telling the table.
   */
  ENDED("ended"),
  /**
   * Recorded at start-up with the in-memory embedded Temporal service, for runs that did not
   * survive its restart.
   */
  LOST("lost");

  private final String wire;

  EnrollmentState(String wire) {
    this.wire = wire;
  }

  /** The name in the table and the API. */
  public String wire() {
    return wire;
  }

  /** Whether a stored state is this one. */
  public boolean is(String state) {
    return wire.equals(state);
  }

  /** The state of that wire name; null when none has it. */
  public static EnrollmentState fromWire(String wire) {
    for (EnrollmentState state : values()) {
      if (state.wire.equals(wire)) {
        return state;
      }
    }
    return null;
  }

  /** Every wire name, comma separated, for messages. */
  public static String wireNames() {
    return String.join(", ", java.util.Arrays.stream(values()).map(EnrollmentState::wire).toList());
  }
}
