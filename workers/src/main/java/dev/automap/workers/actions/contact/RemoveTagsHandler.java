package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.RemoveTagsStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code remove_tags}: removes the tags (templates) the contact has; {@code contact.tag_removed}
 * for each.
 */
@Singleton
public class RemoveTagsHandler implements ActionHandler<RemoveTagsStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public RemoveTagsHandler(
      ActionLedger ledger, ContactChanges contacts, ActionTemplates templates) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<RemoveTagsStep> stepType() {
    return RemoveTagsStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, RemoveTagsStep step) {
    if (step.tags() == null || step.tags().isEmpty()) {
      throw ActionFailures.badInput(step.type() + " needs tags");
    }
    return ledger.once(
        request,
        step,
        () -> {
          List<String> tags = Rendered.all(templates.of(request), step.tags());
          if (tags.isEmpty()) {
            return ActionResult.unchanged("every tag rendered empty");
          }
          List<String> removed =
              contacts.removeTags(request.accountId(), request.contactId(), tags, request.source());
          return removed.isEmpty()
              ? ActionResult.unchanged("no tag to remove")
              : ActionResult.done("removed " + String.join(", ", removed));
        });
  }

  /** In a preview: the tags the contact has are removed. */
  public static ActionResult preview(RemoveTagsStep step, ActionPreview.Scope scope) {
    List<String> removed = scope.contact().removeTags(scope.texts(step.tags()));
    return removed.isEmpty()
        ? ActionResult.unchanged("no tag to remove")
        : ActionResult.done("removed " + String.join(", ", removed));
  }
}
