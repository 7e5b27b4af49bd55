package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.AddNoteStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;

/** {@code add_note}: adds a note (template) to the contact, signed by the step that wrote it. */
@Singleton
public class AddNoteHandler implements ActionHandler<AddNoteStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public AddNoteHandler(ActionLedger ledger, ContactChanges contacts, ActionTemplates templates) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<AddNoteStep> stepType() {
    return AddNoteStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AddNoteStep step) {
    if (step.body() == null || step.body().isBlank()) {
      throw ActionFailures.badInput("add_note needs a body");
    }
    return ledger.once(
        request,
        step,
        () -> {
          String body = templates.of(request).text(step.body());
          if (body == null || body.isBlank()) {
            return ActionResult.unchanged("the note rendered empty");
          }
          var note =
              contacts.addNote(request.accountId(), request.contactId(), body, request.source());
          return ActionResult.done("added note " + note.id());
        });
  }
}
