package dev.automap.workers.actions;

/**
 * How an action came out: {@link ActionResult#outcome()} holds the {@link #wire} name, which is
 * what workflow histories, the action ledger, the step log and the timeline show.
 *
 * <p>A message held back answers {@link #SUPPRESSED} on every channel, whatever held it back: no
 * address, DND, the account's frequency cap; the detail and the message row say which.
 */
public enum ActionOutcome {
  /** The action changed something or sent something. */
  DONE("done"),
  /** Nothing to do, or a repeat of a key already done. */
  UNCHANGED("unchanged"),
  /** Nothing to do for a reason worth telling (an owner already set, no appointment to change). */
  SKIPPED("skipped"),
  /**
   * A message held back: no address, DND on for the channel, the account's frequency cap reached, a
   * {@code notify} to {@code owner} of a contact without one.
   */
  SUPPRESSED("suppressed"),
  /** Previews only: an action type this server cannot perform, which publishing would refuse. */
  UNAVAILABLE("unavailable");

  private final String wire;

  ActionOutcome(String wire) {
    this.wire = wire;
  }

  /** The name in histories, the ledger and the API. */
  public String wire() {
    return wire;
  }
}
