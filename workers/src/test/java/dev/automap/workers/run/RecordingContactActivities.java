package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import io.temporal.activity.Activity;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each action call, for checking what a run did and with which key. */
public class RecordingContactActivities implements DynamicActivity {
  /** One call: its type, request and step. */
  public record Call(String type, ActionRequest request, ActionStep step) {}

  public final List<Call> calls = new CopyOnWriteArrayList<>();

  @Override
  public Object execute(EncodedValues args) {
    String type = Activity.getExecutionContext().getInfo().getActivityType();
    var call = new Call(type, args.get(0, ActionRequest.class), args.get(1, ActionStep.class));
    calls.add(call);
    return ActionResult.done(type + " " + call.step().id());
  }
}
