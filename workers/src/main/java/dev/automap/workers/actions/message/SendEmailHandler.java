package dev.automap.workers.actions.message;

import dev.automap.definitions.model.SendEmailStep;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.messages.MessageStatus;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Contact;
import jakarta.inject.Singleton;

/**
 * {@code send_email}: renders subject, HTML body and text for the contact and mails it to the
 * contact's address. Without an address, or with DND on for email, the message is recorded as
 * {@code suppressed}. Without an SMTP server configured it is recorded as {@code captured}: kept
 * and listed, not sent. With one it is queued in the action's transaction, sent after the commit
 * and marked sent, raising {@code email.sent}. The result names the message by its id: the address
 * and the rendered subject stay in the message's row, out of the run's history.
 */
@Singleton
public class SendEmailHandler implements ActionHandler<SendEmailStep> {
  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final ContactChanges contacts;
  private final Messages messages;

  public SendEmailHandler(
      ActionLedger ledger, ActionTemplates templates, ContactChanges contacts, Messages messages) {
    this.ledger = ledger;
    this.templates = templates;
    this.contacts = contacts;
    this.messages = messages;
  }

  @Override
  public Class<SendEmailStep> stepType() {
    return SendEmailStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, SendEmailStep step) {
    ActionResult recorded =
        ledger.once(
            request,
            step,
            () -> {
              Contact contact = contacts.lock(request.accountId(), request.contactId());
              var rendering = templates.of(request);
              String subject = rendering.text(step.subject());
              var draft =
                  new Messages.Draft(
                      "email",
                      contact.email(),
                      rendering.text(step.from()),
                      rendering.text(step.replyTo()),
                      subject,
                      rendering.html(step.body()),
                      rendering.text(step.text()));
              if (contact.email() == null || contact.email().isBlank()) {
                var held =
                    messages.record(
                        request, null, draft, MessageStatus.SUPPRESSED, "no email address");
                return ActionResult.skipped("email " + held.id() + " not sent: no email address");
              }
              if (Dnd.on(contact, "email")) {
                return Held.back(messages, request, draft, "DND is on for email");
              }
              var message = messages.queueOrCapture(request, null, draft);
              // the message's id, never its address or subject: results are kept in history
              return MessageStatus.CAPTURED.is(message.status())
                  ? ActionResult.done(
                      "email " + message.id() + " captured, not sent (no SMTP server configured)")
                  : ActionResult.done("email " + message.id() + " queued");
            });
    int sent = messages.deliverQueued(request, m -> messages.emailSent(request, m));
    return sent == 0
        ? recorded
        : ActionResult.done(
            recorded.detail().replace("already done: ", "").replace(" queued", " sent"));
  }

  /** In a preview: the subject rendered; held back as here without an address or with DND on. */
  public static ActionResult preview(SendEmailStep step, ActionPreview.Scope scope) {
    return Held.preview(
        scope,
        "email",
        "email",
        "email \"" + scope.text(step.subject() == null ? "" : step.subject()) + "\"");
  }
}
