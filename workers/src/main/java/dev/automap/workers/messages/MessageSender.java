package dev.automap.workers.messages;

import dev.automap.workers.store.Message;

/**
 * Takes messages out of the machine. One implementation is in force per configuration: with {@code
 * automap.smtp.host} set, {@link SmtpMessageSender} sends email; without it, {@link
 * CapturingMessageSender} sends nothing and every message is only captured (stored and listed by
 * {@code GET /v1/messages}). No SMS or WhatsApp provider exists yet: those are always captured.
 */
public interface MessageSender {

  /** Whether a message of this channel ({@code email sms whatsapp in_app}) really leaves. */
  boolean delivers(String channel);

  /**
   * Sends one queued message; throws when it could not (the action is retried). Called after the
   * commit that recorded it, so a crash between sending and marking it sent may send it again on
   * the retry: each email carries a {@code Message-ID} derived from its {@code messageId}, the same
   * on every attempt, so receivers can tell a repeat. A refusal for good is thrown as {@link
   * Messages.MessageBounced}: the message is then marked {@code bounced} and not tried again.
   */
  void send(Message message) throws Exception;
}
