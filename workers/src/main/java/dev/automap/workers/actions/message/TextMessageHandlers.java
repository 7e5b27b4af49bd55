package dev.automap.workers.actions.message;

import dev.automap.definitions.model.ActionStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.events.EventLog;
import dev.automap.workers.messages.MessageStatus;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.messages.Twilio;
import dev.automap.workers.settings.FrequencyCaps;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code send_sms} and {@code send_whatsapp}: the body rendered for the contact, to the contact's
 * phone. No phone, DND on for the channel, or the account's frequency cap reached records the
 * message as {@code suppressed} with the reason. With Twilio configured for the channel ({@link
 * Twilio}) the message is recorded {@code queued} in the action's transaction and sent after the
 * commit, outside any transaction; Twilio's sid of it is kept, and {@code sms.sent} (or {@code
 * whatsapp.sent}) raised with {@code data.messageId}. A retry sends nothing that was sent: a
 * message marked sent, or whose sid was kept, is not sent again. Without Twilio the message is
 * {@code captured} (kept and listed, not sent). The result names the message by its id, never the
 * number or the text.
 */
@Singleton
public class TextMessageHandlers {
  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final ContactChanges contacts;
  private final Messages messages;
  private final MessageRepository stored;
  private final FrequencyCaps caps;
  private final Twilio twilio;
  private final EventLog events;

  public TextMessageHandlers(
      ActionLedger ledger,
      ActionTemplates templates,
      ContactChanges contacts,
      Messages messages,
      MessageRepository stored,
      FrequencyCaps caps,
      Twilio twilio,
      EventLog events) {
    this.ledger = ledger;
    this.templates = templates;
    this.contacts = contacts;
    this.messages = messages;
    this.stored = stored;
    this.caps = caps;
    this.twilio = twilio;
    this.events = events;
  }

  ActionResult perform(
      ActionRequest request, ActionStep step, String channel, String bodyTemplate) {
    boolean delivers = twilio.delivers(channel);
    ActionResult recorded =
        ledger.once(
            request,
            step,
            () -> {
              Contact contact = contacts.lock(request.accountId(), request.contactId());
              var draft =
                  Messages.Draft.of(
                      channel, contact.phone(), null, templates.of(request).text(bodyTemplate));
              if (contact.phone() == null || contact.phone().isBlank()) {
                return Held.back(messages, request, draft, "no phone");
              }
              if (Dnd.on(contact, channel)) {
                return Held.back(messages, request, draft, "DND is on for " + channel);
              }
              Optional<String> capped =
                  caps.over(request.accountId(), request.contactId(), channel);
              if (capped.isPresent()) {
                return Held.back(messages, request, draft, capped.get());
              }
              Message message =
                  delivers
                      ? messages.record(request, null, draft, MessageStatus.QUEUED, null)
                      : messages.queueOrCapture(request, null, draft);
              return ActionResult.done(
                  channel
                      + " "
                      + message.id()
                      + " "
                      + message.status()
                      + (MessageStatus.CAPTURED.is(message.status())
                          ? ", not sent (no " + channel + " provider configured)"
                          : ""));
            });
    if (!delivers) {
      return recorded;
    }
    int sent;
    try {
      sent = messages.deliverQueued(request, this::send, m -> sent(request, m));
    } catch (Messages.MessageNotSent e) {
      if (e.getCause() instanceof Twilio.Refused) {
        throw ActionFailures.badInput(e.getMessage());
      }
      throw e;
    }
    return sent == 0
        ? recorded
        : ActionResult.done(
            recorded.detail().replace("already done: ", "").replace(" queued", " sent"));
  }

  /** Sends one message unless an earlier attempt had it accepted already (its sid kept). */
  private void send(Message message) throws Exception {
    if (stored.providerIdOf(message.id()).isPresent()) {
      return;
    }
    String sid = twilio.send(message);
    stored.setProviderId(message.id(), sid);
  }

  private void sent(ActionRequest request, Message message) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("messageId", message.id());
    data.put("channel", message.channel());
    events.raise(
        request.accountId(),
        message.channel() + ".sent",
        request.contactId(),
        data,
        request.source());
  }
}
