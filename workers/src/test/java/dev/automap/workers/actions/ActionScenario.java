package dev.automap.workers.actions;

import dev.automap.definitions.model.ActionStep;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test workflow that performs action steps one after the other as the engine does: each an
 * activity of its type under {@link ActionPolicy}, keyed {@code <workflowId>/<runId>/<stepId>/1},
 * outputs saved into vars for the steps after it.
 */
@WorkflowInterface
public interface ActionScenario {

  record Input(String accountId, String contactId, List<ActionStep> steps) {}

  /**
   * One line per step: {@code <stepId> <outcome>} or {@code <stepId> failed <type> after <n>
   * attempt(s)}.
   */
  @WorkflowMethod
  List<String> run(Input input);

  class Impl implements ActionScenario {
    @Override
    public List<String> run(Input input) {
      var info = Workflow.getInfo();
      Map<String, Object> vars = new HashMap<>();
      List<String> lines = new ArrayList<>();
      for (ActionStep step : input.steps()) {
        ActionPolicy policy = ActionPolicy.forType(step.type());
        var stub =
            Workflow.newUntypedActivityStub(
                ActivityOptions.newBuilder(policy.activityOptions()).build());
        var request =
            new ActionRequest(
                info.getWorkflowId() + "/" + info.getRunId() + "/" + step.id() + "/1",
                input.accountId(),
                input.contactId(),
                "scenario",
                step.id(),
                Map.copyOf(vars),
                null);
        try {
          ActionResult result = stub.execute(step.type(), ActionResult.class, request, step);
          if (result.output() != null) {
            vars.putAll(result.output());
          }
          lines.add(step.id() + " " + result.outcome() + (result.endsRun() ? " (ends run)" : ""));
          if (result.endsRun()) {
            break;
          }
        } catch (ActivityFailure failure) {
          ApplicationFailure cause = (ApplicationFailure) failure.getCause();
          lines.add(
              step.id()
                  + " failed "
                  + cause.getType()
                  + (cause.isNonRetryable() ? " for good" : ""));
        }
      }
      lines.add("vars " + new java.util.TreeMap<>(vars).keySet());
      return lines;
    }
  }
}
