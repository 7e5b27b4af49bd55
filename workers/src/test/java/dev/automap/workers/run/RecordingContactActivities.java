package dev.automap.workers.run;

import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.contact.ContactActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each action call, for checking what a run did and with which key. */
public class RecordingContactActivities implements ContactActivities {
  /** One call: its request and tags. */
  public record Call(ActionRequest request, List<String> tags) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();

  @Override
  public List<String> addTags(ActionRequest request, List<String> tags) {
    calls.add(new Call(request, tags));
    return tags;
  }
}
