package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.AddFollowersStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;

/** {@code add_followers}: adds the users (of the account) as followers of the contact. */
@Singleton
public class AddFollowersHandler implements ActionHandler<AddFollowersStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;

  public AddFollowersHandler(ActionLedger ledger, ContactChanges contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  @Override
  public Class<AddFollowersStep> stepType() {
    return AddFollowersStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AddFollowersStep step) {
    if (step.users() == null || step.users().isEmpty()) {
      throw ActionFailures.badInput("add_followers needs users");
    }
    return ledger.once(
        request,
        step,
        () -> {
          var added =
              contacts.addFollowers(
                  request.accountId(), request.contactId(), step.users(), request.source());
          return added.isEmpty()
              ? ActionResult.unchanged("every user followed already")
              : ActionResult.done("added " + String.join(", ", added));
        });
  }
}
