package dev.automap.workers.tracking;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.messages.TrackingLinks;
import dev.automap.workers.messages.TrackingLinks.Kind;
import dev.automap.workers.routing.EventIngestion;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.Ids;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an email's answers come back (channels.md): its open pixel, its click links and its
 * unsubscribe link, each a token signed by {@link TrackingLinks}, and replies to it. Each raises
 * its {@code email.*} event with {@code data.messageId}, ingested as an event sent in from outside
 * and so attributed to the run and step that sent the message: a {@code fromStep} wait hears it. A
 * token not signed here, or naming a message that is no more, is answered as nothing ({@code
 * empty}) and raises nothing.
 */
@Singleton
public class EmailFeedback {
  private static final Logger LOG = LoggerFactory.getLogger(EmailFeedback.class);

  /** A reply as an inbound mail service posts it to {@code /hooks/email/inbound}. */
  public record Reply(String from, String to, String subject, String text, String inReplyTo) {}

  private final TrackingLinks links;
  private final MessageRepository messages;
  private final EventIngestion ingestion;
  private final ContactChanges contacts;

  public EmailFeedback(
      TrackingLinks links,
      MessageRepository messages,
      EventIngestion ingestion,
      ContactChanges contacts) {
    this.links = links;
    this.messages = messages;
    this.ingestion = ingestion;
    this.contacts = contacts;
  }

  /**
   * An open of the message the token names: raises {@code email.opened}, once a minute at most.
   *
   * @return the message, empty when the token is not one of ours
   */
  public Optional<Message> opened(String token) {
    Optional<Message> message =
        message(Kind.OPEN, token).map(TrackingLinks.Target::messageId).flatMap(messages::findById);
    message.ifPresent(
        m -> {
          if (messages.noteOpen(m.id(), Instant.now()) == 1) {
            raise(m, "email.opened", Ids.next("evt"), event -> {});
          }
        });
    return message;
  }

  /**
   * A click on a link of the message: raises {@code email.clicked} with the link's {@code url}.
   *
   * @return the original URL to send the reader on to; empty when the token is not one of ours
   */
  public Optional<String> clicked(String token) {
    Optional<TrackingLinks.Target> target = message(Kind.CLICK, token);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Optional<Message> message = messages.findById(target.get().messageId());
    if (message.isEmpty()) {
      return Optional.empty();
    }
    String url = target.get().url();
    raise(message.get(), "email.clicked", Ids.next("evt"), data -> data.put("url", url));
    return Optional.of(url);
  }

  /** The message an unsubscribe token names (for its confirmation page); nothing changes. */
  public Optional<Message> unsubscribeTarget(String token) {
    return message(Kind.UNSUBSCRIBE, token)
        .map(TrackingLinks.Target::messageId)
        .flatMap(messages::findById);
  }

  /**
   * Unsubscribes the contact the message went to: DND on for email, and {@code email.unsubscribed}
   * raised (once per message, however often the link is followed).
   *
   * @return the message; empty when the token is not one of ours
   */
  public Optional<Message> unsubscribe(String token) {
    Optional<Message> message = unsubscribeTarget(token);
    message.ifPresent(
        m -> {
          if (m.contactId() == null) {
            return;
          }
          try {
            contacts.update(
                m.accountId(),
                m.contactId(),
                new ContactPatch().put("dnd.email", true),
                EventSource.recipient(m.workflowId(), m.stepId()));
          } catch (ContactNotFound gone) {
            return; // nothing left to unsubscribe
          }
          raise(m, "email.unsubscribed", "unsub_" + m.id(), data -> {});
        });
    return message;
  }

  /**
   * A reply to a message: {@code inReplyTo} names its {@code Message-ID}; raises {@code
   * email.replied} for the step that sent it, once per distinct reply.
   *
   * @return what became of the event; empty when {@code inReplyTo} names no message of ours
   */
  public Optional<EventIngestion.Outcome> replied(Reply reply) {
    Optional<Message> message =
        TrackingLinks.messageIdOf(reply.inReplyTo()).flatMap(messages::findById);
    if (message.isEmpty()) {
      return Optional.empty();
    }
    String id =
        "reply_"
            + digest(
                reply.inReplyTo()
                    + "\n"
                    + reply.from()
                    + "\n"
                    + reply.subject()
                    + "\n"
                    + reply.text());
    return Optional.ofNullable(
        raise(
            message.get(),
            "email.replied",
            id,
            data -> {
              putIfPresent(data, "from", reply.from());
              putIfPresent(data, "subject", reply.subject());
              putIfPresent(data, "text", reply.text());
            }));
  }

  private Optional<TrackingLinks.Target> message(Kind kind, String token) {
    return links.read(kind, token);
  }

  private EventIngestion.Outcome raise(
      Message message, String type, String eventId, java.util.function.Consumer<ObjectNode> more) {
    if (message.contactId() == null) {
      return null;
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("id", eventId);
    event.put("type", type);
    event.put("contactId", message.contactId());
    ObjectNode data = event.putObject("data");
    data.put("messageId", message.id());
    more.accept(data);
    EventIngestion.Outcome outcome = ingestion.ingest(message.accountId(), event, "");
    if (!outcome.accepted()) {
      LOG.info(
          "{} of message {} not kept: {}",
          type,
          message.id(),
          outcome.errors().getFirst().message());
    }
    return outcome;
  }

  private static void putIfPresent(ObjectNode data, String field, String value) {
    if (value != null) {
      data.put(field, value);
    }
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
