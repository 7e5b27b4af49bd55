package dev.automap.workers.actions.contact;

import dev.automap.workers.actions.ActionRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Actions on the contact record, each idempotent by its request's key. */
@ActivityInterface
public interface ContactActivities {

  /** Adds the tags the contact lacks; returns the ones it added (none on a repeat). */
  @ActivityMethod(name = "add_tags")
  List<String> addTags(ActionRequest request, List<String> tags);
}
