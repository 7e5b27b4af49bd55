package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.AddTagsStep;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.store.ContactStore;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code add_tags}: adds the tags the contact lacks, once per key. */
@Singleton
public class AddTagsHandler implements ActionHandler<AddTagsStep> {
  private final ContactStore contacts;

  public AddTagsHandler(ContactStore contacts) {
    this.contacts = contacts;
  }

  @Override
  public Class<AddTagsStep> stepType() {
    return AddTagsStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AddTagsStep step) {
    List<String> added = contacts.addTagsOnce(request, step.tags());
    return added.isEmpty()
        ? ActionResult.unchanged("no tag to add")
        : ActionResult.done("added " + String.join(", ", added));
  }
}
