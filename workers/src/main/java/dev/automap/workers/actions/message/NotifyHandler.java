package dev.automap.workers.actions.message;

import dev.automap.definitions.model.NotifyChannel;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.messages.MessageStatus;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.TeamRepository;
import dev.automap.workers.store.User;
import dev.automap.workers.store.UserRepository;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code notify}: tells users about the contact. {@code to} is {@code owner} (the contact's owner),
 * a user id, or {@code team:<name>} (each member). By {@code email} (the default) the message goes
 * to the user's address as {@code send_email}'s do: sent through SMTP where one is configured, else
 * captured; {@code sms} is captured (listed by {@code GET /v1/messages}, under the contact the
 * notification is about); {@code in_app} is stored for the user ({@code delivered}) and listed by
 * {@code GET /v1/notifications?userId=}. Frequency caps do not apply: they are about contacts. A
 * user without the address, or a contact without an owner, is recorded as {@code suppressed}.
 * Raises no event: {@code email.sent} is about mail to the contact.
 */
@Singleton
public class NotifyHandler implements ActionHandler<NotifyStep> {
  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final ContactChanges contacts;
  private final UserRepository users;
  private final TeamRepository teams;
  private final Messages messages;

  public NotifyHandler(
      ActionLedger ledger,
      ActionTemplates templates,
      ContactChanges contacts,
      UserRepository users,
      TeamRepository teams,
      Messages messages) {
    this.ledger = ledger;
    this.templates = templates;
    this.contacts = contacts;
    this.users = users;
    this.teams = teams;
    this.messages = messages;
  }

  @Override
  public Class<NotifyStep> stepType() {
    return NotifyStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, NotifyStep step) {
    if (step.to() == null || step.to().isBlank()) {
      throw ActionFailures.badInput("notify needs to: owner, a user id or team:<name>");
    }
    String channel =
        step.channel() == null
            ? "email"
            : step.channel() == NotifyChannel.IN_APP
                ? "in_app"
                : step.channel().name().toLowerCase(Locale.ROOT);
    ActionResult recorded =
        ledger.once(
            request,
            step,
            () -> {
              var rendering = templates.of(request);
              String subject = rendering.text(step.subject());
              String body =
                  channel.equals("email")
                      ? rendering.html(step.body())
                      : rendering.text(step.body());
              List<User> recipients = recipients(request, step.to().trim());
              if (recipients.isEmpty()) {
                return Held.back(
                    messages,
                    request,
                    Messages.Draft.of(channel, null, subject, body),
                    step.to().trim().equals("owner")
                        ? "the contact has no owner"
                        : step.to() + " has no members");
              }
              List<String> outcomes = new ArrayList<>();
              for (int i = 0; i < recipients.size(); i++) {
                User user = recipients.get(i);
                Integer part = recipients.size() == 1 ? null : i + 1;
                String to =
                    switch (channel) {
                      case "email" -> user.email();
                      case "sms" -> user.phone();
                      default -> user.id();
                    };
                var draft = Messages.Draft.of(channel, to, subject, body);
                if (to == null || to.isBlank()) {
                  String reason =
                      "user "
                          + user.id()
                          + " has no "
                          + (channel.equals("sms") ? "phone" : "email address");
                  messages.record(request, part, draft, MessageStatus.SUPPRESSED, reason);
                  outcomes.add(user.id() + ": suppressed (" + reason + ")");
                } else {
                  var message =
                      channel.equals("in_app")
                          ? messages.record(request, part, draft, MessageStatus.DELIVERED, null)
                          : messages.queueOrCapture(request, part, draft);
                  outcomes.add(
                      user.id()
                          + ": "
                          + message.status()
                          + (MessageStatus.CAPTURED.is(message.status()) ? ", not sent" : ""));
                }
              }
              boolean anyOut = outcomes.stream().anyMatch(o -> !o.contains(": suppressed"));
              String detail = channel + " notification " + String.join("; ", outcomes);
              return anyOut ? ActionResult.done(detail) : ActionResult.suppressed(detail);
            });
    int sent = messages.deliverQueued(request, m -> {});
    return sent == 0
        ? recorded
        : ActionResult.done(
            recorded.detail().replace("already done: ", "").replace(": queued", ": sent"));
  }

  private List<User> recipients(ActionRequest request, String to) {
    String account = request.accountId();
    if (to.equals("owner")) {
      Contact contact = contacts.lock(account, request.contactId());
      return contact.ownerId() == null
          ? List.of()
          : users.findByIdAndAccountId(contact.ownerId(), account).stream().toList();
    }
    if (to.startsWith("team:")) {
      String name = to.substring("team:".length()).trim();
      if (teams.findByAccountIdAndName(account, name).isEmpty()) {
        throw ActionFailures.badInput("notify: no team " + name + " in this account");
      }
      return teams.memberIds(account, name).stream()
          .map(id -> users.findByIdAndAccountId(id, account).orElseThrow())
          .toList();
    }
    return List.of(
        users
            .findByIdAndAccountId(to, account)
            .orElseThrow(
                () -> ActionFailures.badInput("notify: no user " + to + " in this account")));
  }
}
