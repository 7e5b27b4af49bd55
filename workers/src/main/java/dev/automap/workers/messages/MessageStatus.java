package dev.automap.workers.messages;

/**
 * Where a message stands: {@code messages.status} holds the {@link #wire} name, which the API
 * shows.
 */
public enum MessageStatus {
  /** Kept and listed, not sent: no provider is configured for the channel. */
  CAPTURED("captured"),
  /** To be delivered after the commit that recorded it. */
  QUEUED("queued"),
  /** Delivered to the provider. */
  SENT("sent"),
  /**
   * Taken by the provider's far end: a delivery report said so (in-app: stored where the user sees
   * it).
   */
  DELIVERED("delivered"),
  /** Held back: DND on for the channel, no address, or over the account's frequency cap. */
  SUPPRESSED("suppressed"),
  /** Refused for good (a permanent SMTP failure, 5xx): never sent again; DND is set. */
  BOUNCED("bounced"),
  /** The provider refused or could not be reached; the action's next attempt sends it again. */
  FAILED("failed");

  private final String wire;

  MessageStatus(String wire) {
    this.wire = wire;
  }

  /** The name in the table and the API. */
  public String wire() {
    return wire;
  }

  /** The status of a stored name. */
  public static MessageStatus of(String wire) {
    for (MessageStatus s : values()) {
      if (s.wire.equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no message status \"" + wire + "\"");
  }

  /** Whether a stored status is this one. */
  public boolean is(String status) {
    return wire.equals(status);
  }
}
