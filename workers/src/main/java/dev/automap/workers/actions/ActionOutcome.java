package dev.automap.workers.actions;

/**
 * How an action came out: {@link ActionResult#outcome()} holds the {@link #wire} name, which is
 * what workflow histories, the action ledger, the step log and the timeline show.
 *
 * <p>A message held back for want of an address is not told the same way on every channel: {@code
 * send_email} without an email address answers {@link #SKIPPED}, {@code send_sms} and {@code
 * send_whatsapp} without a phone answer {@link #SUPPRESSED}. Both are recorded here as they are
 * today.
 */
public enum ActionOutcome {
  /** The action changed something or sent something. */
  DONE("done"),
  /** Nothing to do, or a repeat of a key already done. */
  UNCHANGED("unchanged"),
  /**
   * Nothing to do for a reason worth telling (an owner already set, no appointment to change; an
   * email without an address).
   */
  SKIPPED("skipped"),
  /**
   * A message held back: DND on for the channel, no phone for {@code send_sms} or {@code
   * send_whatsapp}, a {@code notify} to {@code owner} of a contact without one.
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
