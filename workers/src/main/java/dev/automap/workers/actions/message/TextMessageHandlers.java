package dev.automap.workers.actions.message;

import dev.automap.definitions.model.ActionStep;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.messages.MessageStatus;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Contact;
import jakarta.inject.Singleton;

/**
 * {@code send_sms} and {@code send_whatsapp}: the body rendered for the contact, to the contact's
 * phone. No SMS or WhatsApp provider exists here yet, so each message is recorded as {@code
 * captured} (kept and listed, not sent); no phone or DND on for the channel records it as {@code
 * suppressed}.
 */
@Singleton
public class TextMessageHandlers {
  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final ContactChanges contacts;
  private final Messages messages;

  public TextMessageHandlers(
      ActionLedger ledger, ActionTemplates templates, ContactChanges contacts, Messages messages) {
    this.ledger = ledger;
    this.templates = templates;
    this.contacts = contacts;
    this.messages = messages;
  }

  ActionResult perform(
      ActionRequest request, ActionStep step, String channel, String bodyTemplate) {
    return ledger.once(
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
          var message = messages.queueOrCapture(request, null, draft);
          // the message's id, never the phone: results are kept in history
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
  }
}
