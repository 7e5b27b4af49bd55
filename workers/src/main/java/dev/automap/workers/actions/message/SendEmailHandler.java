package dev.automap.workers.actions.message;

import dev.automap.definitions.model.SendEmailStep;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import dev.automap.workers.messages.MessageStatus;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.messages.TrackingLinks;
import dev.automap.workers.settings.AccountSettings;
import dev.automap.workers.settings.FrequencyCaps;
import dev.automap.workers.store.Contact;
import jakarta.inject.Singleton;

/**
 * {@code send_email}: renders subject, HTML body and text for the contact and mails it to the
 * contact's address. Without an address, with DND on for email, or over the account's frequency cap
 * for email, the message is recorded as {@code suppressed} with the reason. Without {@code from}
 * the account's sender ({@code GET/PUT /v1/settings}) is used, else the configured one. Otherwise
 * it gets its {@code messageId} first, so its links can name it: an unsubscribe link always, and
 * with {@code track} (the default) an open pixel and every link rewritten to its click link ({@link
 * TrackingLinks}). Without an SMTP server configured it is recorded as {@code captured}: kept and
 * listed, not sent. With one it is queued in the action's transaction, sent after the commit and
 * marked sent, raising {@code email.sent}; refused for good it is marked {@code bounced}, raises
 * {@code email.bounced} and sets DND for email. The result names the message, never its address or
 * content.
 */
@Singleton
public class SendEmailHandler implements ActionHandler<SendEmailStep> {
  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final ContactChanges contacts;
  private final Messages messages;
  private final TrackingLinks links;
  private final FrequencyCaps caps;
  private final AccountSettings settings;

  public SendEmailHandler(
      ActionLedger ledger,
      ActionTemplates templates,
      ContactChanges contacts,
      Messages messages,
      TrackingLinks links,
      FrequencyCaps caps,
      AccountSettings settings) {
    this.ledger = ledger;
    this.templates = templates;
    this.contacts = contacts;
    this.messages = messages;
    this.links = links;
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
              String html = rendering.html(step.body());
              String text = rendering.text(step.text());
              var draft =
                  new Messages.Draft(
                      "email",
                      contact.email(),
                      step.from() == null
                          ? settings.from(request.accountId()).orElse(null)
                          : rendering.text(step.from()),
                      rendering.text(step.replyTo()),
                      subject,
                      html,
                      text);
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
              String id = Messages.newId();
              var dressed =
                  new Messages.Draft(
                      "email",
                      draft.to(),
                      draft.from(),
                      draft.replyTo(),
                      subject,
                      links.html(html, id, step.tracks()),
                      links.text(text != null ? text : Messages.textOf(html), id));
              var message = messages.queueOrCapture(id, request, null, dressed);
              messages.keepTracking(id, links.unsubscribeUrl(id), step.tracks());
              return MessageStatus.CAPTURED.is(message.status())
                  ? ActionResult.done(
                      "email " + id + " captured, not sent (no SMTP server configured)")
                  : ActionResult.done("email " + id + " queued");
            });
    String[] bounced = new String[1];
    int sent =
        messages.deliverQueued(
            request,
            m -> messages.emailSent(request, m),
            (m, reason) -> {
              bounced[0] = m.id();
              contacts.update(
                  request.accountId(),
                  request.contactId(),
                  new ContactPatch().put("dnd.email", true),
                  request.source());
              messages.emailBounced(request, m, reason);
            });
    if (bounced[0] != null) {
      return ActionResult.skipped(
          "email "
              + bounced[0]
              + " bounced (refused for good by the mail server): DND on for email");
    }
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
