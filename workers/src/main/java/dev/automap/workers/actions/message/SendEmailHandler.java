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
import dev.automap.workers.settings.AccountSettings;
import dev.automap.workers.settings.FrequencyCaps;
import dev.automap.workers.store.Contact;
import jakarta.inject.Singleton;

/**
 * {@code send_email}: renders subject, HTML body and text for the contact and mails it to the
 * contact's address. Without an address, with DND on for email, or over the account's frequency cap
 * for email, the message is recorded as {@code suppressed} with the reason. Without {@code from}
 * the account's sender ({@code GET/PUT /v1/settings}) is used, else the configured one. Without an
 * SMTP server configured it is recorded as {@code captured}: kept and listed, not sent. With one it
 * is queued in the action's transaction, sent after the commit and marked sent, raising {@code
 * email.sent}.
 */
@Singleton
public class SendEmailHandler implements ActionHandler<SendEmailStep> {
  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final ContactChanges contacts;
  private final Messages messages;
  private final FrequencyCaps caps;
  private final AccountSettings settings;

  public SendEmailHandler(
      ActionLedger ledger,
      ActionTemplates templates,
      ContactChanges contacts,
      Messages messages,
      FrequencyCaps caps,
      AccountSettings settings) {
    this.ledger = ledger;
    this.templates = templates;
    this.contacts = contacts;
    this.messages = messages;
    this.caps = caps;
    this.settings = settings;
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
                      step.from() == null
                          ? settings.from(request.accountId()).orElse(null)
                          : rendering.text(step.from()),
                      rendering.text(step.replyTo()),
                      subject,
                      rendering.html(step.body()),
                      rendering.text(step.text()));
              if (contact.email() == null || contact.email().isBlank()) {
                return Held.back(messages, request, draft, "no email address");
              }
              if (Dnd.on(contact, "email")) {
                return Held.back(messages, request, draft, "DND is on for email");
              }
              var capped = caps.over(request.accountId(), request.contactId(), "email");
              if (capped.isPresent()) {
                return Held.back(messages, request, draft, capped.get());
              }
              var message = messages.queueOrCapture(request, null, draft);
              return MessageStatus.CAPTURED.is(message.status())
                  ? ActionResult.done(
                      "email \""
                          + subject
                          + "\" to "
                          + contact.email()
                          + " captured, not sent (no SMTP server configured)")
                  : ActionResult.done(
                      "email \"" + subject + "\" to " + contact.email() + " queued");
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
