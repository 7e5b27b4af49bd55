package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.RemoveFollowersStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;

/** {@code remove_followers}: the users stop following the contact. */
@Singleton
public class RemoveFollowersHandler implements ActionHandler<RemoveFollowersStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;

  public RemoveFollowersHandler(ActionLedger ledger, ContactChanges contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  @Override
  public Class<RemoveFollowersStep> stepType() {
    return RemoveFollowersStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, RemoveFollowersStep step) {
    if (step.users() == null || step.users().isEmpty()) {
      throw ActionFailures.badInput("remove_followers needs users");
    }
    return ledger.once(
        request,
        step,
        () -> {
          var removed =
              contacts.removeFollowers(
                  request.accountId(), request.contactId(), step.users(), request.source());
          return removed.isEmpty()
              ? ActionResult.unchanged("none of them was following")
              : ActionResult.done("removed " + String.join(", ", removed));
        });
  }
}
