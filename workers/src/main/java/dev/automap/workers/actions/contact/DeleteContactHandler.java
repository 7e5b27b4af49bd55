package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;

/**
 * {@code delete_contact}: deletes the contact (its events stay, {@code contact.deleted} among them)
 * and ends the run. A retry after the delete answers the same, not "contact not found".
 */
@Singleton
public class DeleteContactHandler implements ActionHandler<DeleteContactStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;

  public DeleteContactHandler(ActionLedger ledger, ContactChanges contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  @Override
  public Class<DeleteContactStep> stepType() {
    return DeleteContactStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, DeleteContactStep step) {
    return ledger.once(
        request,
        step,
        () -> {
          contacts.delete(request.accountId(), request.contactId(), request.source());
          return ActionResult.doneEndingRun("deleted the contact");
        });
  }

  /** In a preview: the journey ends; the contact is kept to show how it ended up. */
  public static ActionResult preview(DeleteContactStep step, ActionPreview.Scope scope) {
    return ActionResult.doneEndingRun("contact deleted");
  }
}
