package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.AddToListStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;

/**
 * {@code add_to_list}: adds the contact to the list (template) named, creating the list if the
 * account has none of that name.
 */
@Singleton
public class AddToListHandler implements ActionHandler<AddToListStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public AddToListHandler(ActionLedger ledger, ContactChanges contacts, ActionTemplates templates) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<AddToListStep> stepType() {
    return AddToListStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AddToListStep step) {
    if (step.list() == null || step.list().isBlank()) {
      throw ActionFailures.badInput("add_to_list needs a list");
    }
    return ledger.once(
        request,
        step,
        () -> {
          String list = templates.of(request).text(step.list());
          boolean changed =
              contacts.addToList(request.accountId(), request.contactId(), list, request.source());
          return changed
              ? ActionResult.done("added to list " + list)
              : ActionResult.unchanged("already on list " + list);
        });
  }
}
