package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * {@code create_task}: an open task about the contact, titled from a template, for {@code
 * assignee}: {@code owner} (the default; unassigned when the contact has none) or a user of the
 * account, due {@code due} after the step runs (no due date without it).
 */
@Singleton
public class CreateTaskHandler implements ActionHandler<CreateTaskStep> {
  public static final String OWNER = "owner";

  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public CreateTaskHandler(
      ActionLedger ledger, ContactChanges contacts, ActionTemplates templates) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<CreateTaskStep> stepType() {
    return CreateTaskStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, CreateTaskStep step) {
    if (step.title() == null || step.title().isBlank()) {
      throw ActionFailures.badInput("create_task needs a title");
    }
    if (step.due() != null && step.due().isNegative()) {
      throw ActionFailures.badInput("create_task's due cannot be negative");
    }
    return ledger.once(
        request,
        step,
        () -> {
          var r = templates.of(request);
          var contact = contacts.lock(request.accountId(), request.contactId());
          String assignee =
              step.assignee() == null || step.assignee().equals(OWNER)
                  ? contact.ownerId()
                  : step.assignee();
          Instant due = step.due() == null ? null : Instant.now().plus(step.due());
          String title = r.text(step.title());
          var task =
              contacts.createTask(
                  request.accountId(),
                  request.contactId(),
                  title == null || title.isBlank() ? step.title() : title,
                  r.text(step.body()),
                  assignee,
                  due,
                  request.source());
          return ActionResult.done(
              "created task "
                  + task.id()
                  + (assignee == null ? ", unassigned" : " for " + assignee));
        });
  }
}
