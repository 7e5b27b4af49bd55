package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;

/** {@code remove_from_list}: takes the contact off the list (template) named. */
@Singleton
public class RemoveFromListHandler implements ActionHandler<RemoveFromListStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public RemoveFromListHandler(
      ActionLedger ledger, ContactChanges contacts, ActionTemplates templates) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<RemoveFromListStep> stepType() {
    return RemoveFromListStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, RemoveFromListStep step) {
    if (step.list() == null || step.list().isBlank()) {
      throw ActionFailures.badInput("remove_from_list needs a list");
    }
    return ledger.once(
        request,
        step,
        () -> {
          String list = templates.of(request).text(step.list());
          boolean changed =
              contacts.removeFromList(
                  request.accountId(), request.contactId(), list, request.source());
          return changed
              ? ActionResult.done("removed from list " + list)
              : ActionResult.unchanged("not on list " + list);
        });
  }
}
