package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import jakarta.inject.Singleton;

/** {@code unassign_owner}: the contact is left without an owner. */
@Singleton
public class UnassignOwnerHandler implements ActionHandler<UnassignOwnerStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;

  public UnassignOwnerHandler(ActionLedger ledger, ContactChanges contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  @Override
  public Class<UnassignOwnerStep> stepType() {
    return UnassignOwnerStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, UnassignOwnerStep step) {
    return ledger.once(
        request,
        step,
        () -> {
          String before = contacts.lock(request.accountId(), request.contactId()).ownerId();
          var changed =
              contacts.update(
                  request.accountId(),
                  request.contactId(),
                  new ContactPatch().put("ownerId", null),
                  request.source());
          return changed.isEmpty()
              ? ActionResult.unchanged("the contact had no owner")
              : ActionResult.done("unassigned " + before);
        });
  }

  /** In a preview: the owner is removed. */
  public static ActionResult preview(UnassignOwnerStep step, ActionPreview.Scope scope) {
    scope.contact().set("ownerId", null);
    return ActionResult.done("owner removed");
  }
}
