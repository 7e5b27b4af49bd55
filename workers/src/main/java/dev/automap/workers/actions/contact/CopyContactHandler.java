package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.CopyContactStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.ContactProblem;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code copy_contact}: copies the contact (email, phone, names, time zone, custom fields, tags,
 * DND; not owner, score, followers) to another account of the same organization. When that account
 * has a contact with the email already, it is left as it is. The copy's {@code contact.created} is
 * raised in the other account, with {@code data.copiedFrom}.
 */
@Singleton
public class CopyContactHandler implements ActionHandler<CopyContactStep> {
  private final ActionLedger ledger;
  private final ContactChanges changes;
  private final ContactDirectory directory;
  private final AccountRepository accounts;

  public CopyContactHandler(
      ActionLedger ledger,
      ContactChanges changes,
      ContactDirectory directory,
      AccountRepository accounts) {
    this.ledger = ledger;
    this.changes = changes;
    this.directory = directory;
    this.accounts = accounts;
  }

  @Override
  public Class<CopyContactStep> stepType() {
    return CopyContactStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, CopyContactStep step) {
    String target = step.account();
    if (target == null || target.isBlank()) {
      throw ActionFailures.badInput("copy_contact needs an account");
    }
    if (target.equals(request.accountId())) {
      throw ActionFailures.badInput("copy_contact needs another account than the contact's own");
    }
    return ledger.once(
        request,
        step,
        () -> {
          Account from = accounts.findById(request.accountId()).orElseThrow();
          Account to =
              accounts
                  .findById(target)
                  .filter(from::sameOrganizationAs)
                  .orElseThrow(
                      () ->
                          new ContactProblem(
                              "/account",
                              "account "
                                  + target
                                  + " is not an account of this account's organization"));
          var source = changes.lock(request.accountId(), request.contactId());
          var tags = directory.get(request.accountId(), request.contactId()).tags();
          if (source.email() != null) {
            var existing = directory.findByEmail(to.id(), source.email());
            if (existing.isPresent()) {
              return ActionResult.unchanged(
                  "account "
                      + to.id()
                      + " has this contact already: "
                      + existing.get().contact().id());
            }
          }
          var copy =
              changes.create(
                  to.id(),
                  new ContactDirectory.NewContact(
                      source.email(),
                      source.phone(),
                      source.firstName(),
                      source.lastName(),
                      source.timezone(),
                      null,
                      null,
                      source.fields(),
                      source.dnd(),
                      tags),
                  request.source(),
                  Map.of(
                      "copiedFrom",
                      Map.of("accountId", request.accountId(), "contactId", source.id())));
          return ActionResult.done("copied to account " + to.id() + " as " + copy.contact().id());
        });
  }
}
