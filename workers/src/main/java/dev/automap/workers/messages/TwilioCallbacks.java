package dev.automap.workers.messages;

import dev.automap.workers.contacts.ContactAddresses;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import dev.automap.workers.events.ContactEvent;
import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Twilio calls {@code POST /hooks/twilio} with, once its signature is checked: a status
 * callback ({@code MessageSid}, {@code MessageStatus}) updates the message it names ({@code
 * delivered}: {@code sms.delivered}; {@code failed} or {@code undelivered}: {@code sms.failed} with
 * the error code; for WhatsApp {@code whatsapp.*}); an inbound message ({@code From}, {@code Body})
 * raises {@code sms.replied} (or {@code whatsapp.replied}) for the contact with that phone,
 * attributed to the latest message sent to that number ({@code data.messageId}, and caused by the
 * run and step that sent it, so a {@code wait_for} with {@code fromStep} hears it). {@code STOP},
 * {@code UNSUBSCRIBE} and Twilio's other opt-out words set DND for the channel. Each event's id is
 * derived from Twilio's sid, so a callback Twilio repeats raises nothing twice.
 */
@Singleton
public class TwilioCallbacks {
  /** Twilio's opt-out keywords. */
  static final Set<String> OPT_OUT =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE");

  private final MessageRepository messages;
  private final EventLog events;
  private final ContactChanges contacts;
  private final JdbcOperations jdbc;

  public TwilioCallbacks(
      MessageRepository messages, EventLog events, ContactChanges contacts, JdbcOperations jdbc) {
    this.messages = messages;
    this.events = events;
    this.contacts = contacts;
    this.jdbc = jdbc;
  }

  /** What a call did, in words (the hook's answer). */
  public record Handled(String what, List<String> eventIds) {}

  /** Handles one checked call. */
  @Transactional
  public Handled handle(Map<String, String> params) {
    String status = params.get("MessageStatus");
    if (status != null && params.get("MessageSid") != null) {
      return status(params.get("MessageSid"), status.toLowerCase(Locale.ROOT), params);
    }
    if (params.get("From") != null && params.get("Body") != null) {
      return inbound(params);
    }
    return new Handled("neither a status callback nor a message: ignored", List.of());
  }

  private Handled status(String sid, String status, Map<String, String> params) {
    Optional<Message> found = messages.findByProviderId(sid);
    if (found.isEmpty()) {
      return new Handled("no message with sid " + sid + ": ignored", List.of());
    }
    Message message = found.get();
    MessageStatus now;
    String reason = null;
    switch (status) {
      case "delivered", "read" -> now = MessageStatus.DELIVERED;
      case "failed", "undelivered" -> {
        now = MessageStatus.FAILED;
        String code = params.get("ErrorCode");
        reason = "Twilio reports " + status + (code == null ? "" : " (error " + code + ")");
      }
      default -> {
        return new Handled(message.id() + ": " + status + " noted", List.of());
      }
    }
    if (now.is(message.status())
        || (now == MessageStatus.FAILED && MessageStatus.DELIVERED.is(message.status()))) {
      return new Handled(message.id() + " already " + message.status(), List.of());
    }
    messages.mark(message.id(), now.wire(), reason, message.sentAt());
    String type = message.channel() + (now == MessageStatus.DELIVERED ? ".delivered" : ".failed");
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("messageId", message.id());
    data.put("status", status);
    if (params.get("ErrorCode") != null) {
      data.put("errorCode", params.get("ErrorCode"));
    }
    List<String> raised = new ArrayList<>();
    if (message.contactId() != null) {
      ContactEvent event =
          new ContactEvent(
              "twilio:" + sid + ":" + now.wire(), type, message.contactId(), Instant.now(), data);
      if (events.record(message.accountId(), event, sourceOf(message))) {
        raised.add(event.id());
      }
    }
    return new Handled(message.id() + " " + now.wire(), raised);
  }

  private Handled inbound(Map<String, String> params) {
    String from = params.get("From");
    boolean whatsapp = from.startsWith("whatsapp:");
    String channel = whatsapp ? "whatsapp" : "sms";
    String phone = ContactAddresses.phone(whatsapp ? from.substring("whatsapp:".length()) : from);
    if (phone == null || phone.isEmpty()) {
      return new Handled("no number to answer to: ignored", List.of());
    }
    String text = params.get("Body");
    String sid = params.getOrDefault("MessageSid", params.get("SmsSid"));
    Optional<Message> latest = messages.latestSentTo(channel, phone);
    List<String[]> recipients = new ArrayList<>(); // {accountId, contactId}
    if (latest.isPresent() && latest.get().contactId() != null) {
      recipients.add(new String[] {latest.get().accountId(), latest.get().contactId()});
    } else {
      recipients.addAll(contactsWithPhone(phone));
    }
    if (recipients.isEmpty()) {
      return new Handled("no contact has the number: ignored", List.of());
    }
    boolean optOut = OPT_OUT.contains(text.strip().toUpperCase(Locale.ROOT));
    List<String> raised = new ArrayList<>();
    for (String[] recipient : recipients) {
      String accountId = recipient[0];
      String contactId = recipient[1];
      Map<String, Object> data = new LinkedHashMap<>();
      EventSource source = EventSource.ingest();
      if (latest.isPresent()
          && latest.get().accountId().equals(accountId)
          && contactId.equals(latest.get().contactId())) {
        data.put("messageId", latest.get().id());
        source = sourceOf(latest.get());
      } else {
        source = new EventSource("provider", null, null);
      }
      data.put("channel", channel);
      data.put("text", text);
      if (optOut) {
        data.put("optOut", true);
        contacts.update(
            accountId, contactId, new ContactPatch().put("dnd." + channel, true), source);
      }
      String id =
          "twilio:"
              + (sid == null ? channel + ":" + phone + ":" + Instant.now() : sid)
              + (recipients.size() > 1 ? ":" + contactId : "");
      ContactEvent event =
          new ContactEvent(id, channel + ".replied", contactId, Instant.now(), data);
      if (events.record(accountId, event, source)) {
        raised.add(event.id());
      }
    }
    return new Handled(
        channel + " reply" + (optOut ? " (opt-out: DND " + channel + " set)" : ""), raised);
  }

  /** The run and step that sent the message: what its answers are attributed to. */
  private static EventSource sourceOf(Message message) {
    return message.workflowId() == null
        ? new EventSource("provider", null, null)
        : EventSource.step(message.workflowId(), message.stepId());
  }

  private List<String[]> contactsWithPhone(String phone) {
    return jdbc.prepareStatement(
        "select account_id, id from contacts where phone = ? order by created_at limit 10",
        ps -> {
          ps.setString(1, phone);
          List<String[]> found = new ArrayList<>();
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              found.add(new String[] {rs.getString(1), rs.getString(2)});
            }
          }
          return found;
        });
  }
}
