package dev.automap.workers.messages;

import dev.automap.workers.events.EventLog;
import dev.automap.workers.store.Ids;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the messages of actions and delivers the queued ones. An action records its messages
 * inside {@code ActionLedger.once} (so a retry records nothing twice) and calls {@link
 * #deliverQueued} after that commit: only then does anything leave the machine, and a message once
 * marked sent is never sent again.
 */
@Singleton
public class Messages {
  private final MessageRepository messages;
  private final MessageSender sender;
  private final EventLog events;
  private final TransactionOperations<Connection> transactions;
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;

  public Messages(
      MessageRepository messages,
      MessageSender sender,
      EventLog events,
      TransactionOperations<Connection> transactions) {
    this.messages = messages;
    this.sender = sender;
    this.events = events;
    this.transactions = transactions;
  }

  /**
   * What a message says and where it goes.
   *
   * @param body HTML for email, the text for every other channel
   * @param text an email's plain-text part (derived from the body when null)
   */
  public record Draft(
      String channel,
      String to,
      String from,
      String replyTo,
      String subject,
      String body,
      String text) {
    public static Draft of(String channel, String to, String subject, String body) {
      return new Draft(channel, to, null, null, subject, body, null);
    }
  }

  /** Whether messages of the channel really leave the machine here. */
  public boolean delivers(String channel) {
    return sender.delivers(channel);
  }

  /** {@link #record(MessageOrigin, Integer, Draft, MessageStatus, String)} by status name. */
  public Message record(
      MessageOrigin request, Integer part, Draft draft, String status, String reason) {
    return record(request, part, draft, MessageStatus.of(status), reason);
  }

  /**
   * Records a message of the request's action.
   *
   * @param part null for an action's only message; a number for each of several (a team)
   */
  public Message record(
      MessageOrigin request, Integer part, Draft draft, MessageStatus status, String reason) {
    return record(newId(), request, part, draft, status, reason);
  }

  /** A new message id ({@code msg_…}): what its tracking links and {@code Message-ID} name. */
  public static String newId() {
    return Ids.next("msg");
  }

  /** Records a message under an id chosen before (its links already name it). */
  public Message record(
      String id,
      MessageOrigin request,
      Integer part,
      Draft draft,
      MessageStatus status,
      String reason) {
    String key = part == null ? request.idempotencyKey() : request.idempotencyKey() + "#" + part;
    String text =
        draft.text() != null || !"email".equals(draft.channel())
            ? draft.text()
            : textOf(draft.body());
    Message message =
        new Message(
            id,
            request.accountId(),
            request.contactId(),
            request.workflowId(),
            request.stepName(),
            key,
            draft.channel(),
            draft.to(),
            draft.from(),
            draft.replyTo(),
            draft.subject(),
            draft.body(),
            text,
            status.wire(),
            reason,
            Instant.now(),
            null);
    Message saved = messages.save(message);
    count(saved.channel(), saved.status());
    return saved;
  }

  /**
   * Records a message to be sent: {@code queued} where a provider is configured, else {@code
   * captured}.
   */
  public Message queueOrCapture(MessageOrigin request, Integer part, Draft draft) {
    return queueOrCapture(newId(), request, part, draft);
  }

  /** {@link #queueOrCapture(MessageOrigin, Integer, Draft)} under an id chosen before. */
  public Message queueOrCapture(String id, MessageOrigin request, Integer part, Draft draft) {
    return delivers(draft.channel())
        ? record(id, request, part, draft, MessageStatus.QUEUED, null)
        : record(
            id,
            request,
            part,
            draft,
            MessageStatus.CAPTURED,
            "no " + provider(draft.channel()) + " configured: captured, not sent");
  }

  /**
   * Keeps what an email to a contact carries back (its unsubscribe link, so its {@code
   * List-Unsubscribe} header), in the transaction that records it.
   */
  public void keepTracking(String messageId, String unsubscribeUrl, boolean tracked) {
    messages.keepTracking(messageId, unsubscribeUrl, tracked);
  }

  /** Records a message held back ({@code suppressed}). */
  public Message suppress(MessageOrigin request, Draft draft, String reason) {
    return record(request, null, draft, MessageStatus.SUPPRESSED, reason);
  }

  /**
   * Sends the action's queued messages (and those whose earlier attempt failed) with the configured
   * sender, marking each sent; {@code onSent} runs in the transaction that marks it (to raise its
   * event). A message that fails is marked {@code failed} with the reason, and the exception goes
   * on, so the activity is retried and the next attempt sends it again.
   *
   * @return how many were sent now
   */
  public int deliverQueued(
      MessageOrigin request, Sending sending, java.util.function.Consumer<Message> onSent) {
    return deliverQueued(request, sending, onSent, (m, reason) -> {});
  }

  /**
   * {@link #deliverQueued(MessageOrigin, Sending, java.util.function.Consumer)}, where a message
   * the far end refuses for good ({@link MessageBounced}) is marked {@code bounced} and never sent
   * again: {@code onBounced} runs in the transaction that marks it, and the others go on.
   */
  public int deliverQueued(
      MessageOrigin request,
      Sending sending,
      java.util.function.Consumer<Message> onSent,
      java.util.function.BiConsumer<Message, String> onBounced) {
    int sent = 0;
    for (Message message : messages.ofAction(request.idempotencyKey())) {
      if (!MessageStatus.QUEUED.is(message.status())
          && !MessageStatus.FAILED.is(message.status())) {
        continue;
      }
      try {
        sending.send(message);
      } catch (MessageBounced bounced) {
        transactions.executeWrite(
            status -> {
              messages.mark(message.id(), MessageStatus.BOUNCED.wire(), bounced.getMessage(), null);
              count(message.channel(), MessageStatus.BOUNCED.wire());
              onBounced.accept(message, bounced.getMessage());
              return null;
            });
        continue;
      } catch (Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        messages.mark(message.id(), MessageStatus.FAILED.wire(), reason, null);
        count(message.channel(), MessageStatus.FAILED.wire());
        throw new MessageNotSent(
            message.channel() + " " + message.id() + " not sent: " + reason, e);
      }
      transactions.executeWrite(
          status -> {
            messages.mark(message.id(), MessageStatus.SENT.wire(), null, Instant.now());
            count(message.channel(), MessageStatus.SENT.wire());
            onSent.accept(message);
            return null;
          });
      sent++;
    }
    return sent;
  }

  /** {@link #deliverQueued} with the configured sender. */
  public int deliverQueued(MessageOrigin request, java.util.function.Consumer<Message> onSent) {
    return deliverQueued(request, sender::send, onSent);
  }

  /** {@link #deliverQueued} with the configured sender, bounces told to {@code onBounced}. */
  public int deliverQueued(
      MessageOrigin request,
      java.util.function.Consumer<Message> onSent,
      java.util.function.BiConsumer<Message, String> onBounced) {
    return deliverQueued(request, sender::send, onSent, onBounced);
  }

  private void count(String channel, String status) {
    if (metrics != null) {
      metrics.message(channel, status);
    }
  }

  /** Raises {@code email.sent} for a sent email, caused by the request's step. */
  public void emailSent(MessageOrigin request, Message message) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("messageId", message.id());
    data.put("to", message.toAddress());
    data.put("subject", message.subject());
    events.raise(request.accountId(), "email.sent", request.contactId(), data, request.source());
  }

  /**
   * Raises {@code email.bounced} for an email refused for good, caused by the request's step (so a
   * {@code fromStep} wait hears it).
   */
  public void emailBounced(MessageOrigin request, Message message, String reason) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("messageId", message.id());
    data.put("reason", reason);
    events.raise(request.accountId(), "email.bounced", request.contactId(), data, request.source());
  }

  /** The contact's messages, newest first. */
  public List<Message> latestOf(String accountId, String contactId, int limit) {
    return messages.latestOf(accountId, contactId, limit);
  }

  public List<Message> ofAction(String idempotencyKey) {
    return new ArrayList<>(messages.ofAction(idempotencyKey));
  }

  /** How one message leaves. */
  @FunctionalInterface
  public interface Sending {
    void send(Message message) throws Exception;
  }

  /**
   * The far end refused a message for good (a permanent SMTP failure, 5xx): it is marked {@code
   * bounced} and not tried again.
   */
  public static class MessageBounced extends Exception {
    public MessageBounced(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** A delivery that failed; retried. */
  public static class MessageNotSent extends RuntimeException {
    public MessageNotSent(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static String provider(String channel) {
    return switch (channel) {
      case "email" -> "SMTP server";
      case "sms", "whatsapp" -> channel.equals("sms") ? "SMS provider" : "WhatsApp provider";
      default -> channel + " delivery";
    };
  }

  /** A plain-text rendition of an HTML body: tags dropped, common entities decoded. */
  public static String textOf(String html) {
    if (html == null) {
      return null;
    }
    String text =
        html.replaceAll("(?i)<br\\s*/?>", "\n")
            .replaceAll("(?i)</p>", "\n\n")
            .replaceAll("<[^>]+>", "");
    text =
        text.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&#x3D;", "=")
            .replace("&amp;", "&");
    return text.strip();
  }
}
