package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.AddTagsStep;
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
 * {@code add_tags}: adds the tags (templates) the contact lacks; {@code contact.tag_added} for
 * each.
 */
@Singleton
public class AddTagsHandler implements ActionHandler<AddTagsStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public AddTagsHandler(ActionLedger ledger, ContactChanges contacts, ActionTemplates templates) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<AddTagsStep> stepType() {
    return AddTagsStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AddTagsStep step) {
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
          List<String> added =
              contacts.addTags(request.accountId(), request.contactId(), tags, request.source());
          return added.isEmpty()
              ? ActionResult.unchanged("no tag to add")
              : ActionResult.done("added " + String.join(", ", added));
        });
  }

  /** In a preview: the tags the contact lacks are added. */
  public static ActionResult preview(AddTagsStep step, ActionPreview.Scope scope) {
    List<String> added = scope.contact().addTags(scope.texts(step.tags()));
    return added.isEmpty()
        ? ActionResult.unchanged("no tag to add")
        : ActionResult.done("added " + String.join(", ", added));
  }
}
