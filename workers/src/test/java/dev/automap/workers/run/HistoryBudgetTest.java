package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.preview.RecordingActions;
import dev.automap.workers.preview.SimulatedContact;
import dev.automap.workers.preview.Simulator;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the interpreter costs in history, against a workflow written by hand for one map: the same
 * activities and timers, nothing else. Flow steps decided in workflow code cost nothing.
 */
class HistoryBudgetTest {
  static final int STEPS = 10;

  /** The map below, written by hand. */
  @WorkflowInterface
  public interface HandWritten {
    @WorkflowMethod(name = "HandWritten")
    void run(int steps);
  }

  public static class HandWrittenImpl implements HandWritten {
    @Override
    public void run(int steps) {
      var actions =
          Workflow.newUntypedActivityStub(
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());
      for (int i = 0; i < steps; i++) {
        Workflow.sleep(Duration.ofMinutes(1));
        actions.execute(
            "add_tags",
            ActionResult.class,
            ActionRequest.of("k" + i, "sim", "c_1"),
            new AddTagsStep("t" + i, null, List.of("x"), null, null));
      }
    }
  }

  static String map(boolean withFlowSteps) {
    StringBuilder yaml = new StringBuilder("key: budget\nstart: w0\nsteps:\n");
    for (int i = 0; i < STEPS; i++) {
      String next = i + 1 < STEPS ? "w" + (i + 1) : "end";
      yaml.append(
          "  - {id: w%d, type: wait, duration: PT1M, next: %s}\n"
              .formatted(i, withFlowSteps ? "s" + i : "t" + i));
      if (withFlowSteps) {
        yaml.append(
            "  - {id: s%d, type: split, paths: [{percent: 100, next: t%d}]}\n".formatted(i, i));
      }
      yaml.append("  - {id: t%d, type: add_tags, tags: [x], next: %s}\n".formatted(i, next));
    }
    yaml.append("  - {id: end, type: end}\n");
    return yaml.toString();
  }

  /**
   * {@code STEPS} × (1-minute wait, add_tags, a flow step, add_tags): the flow step a split, or a
   * branch on the contact's tags, right after an action.
   */
  static String actionThenFlowStep(boolean branch) {
    StringBuilder yaml = new StringBuilder("key: ahead\nstart: w0\nsteps:\n");
    for (int i = 0; i < STEPS; i++) {
      String next = i + 1 < STEPS ? "w" + (i + 1) : "end";
      yaml.append("  - {id: w%d, type: wait, duration: PT1M, next: t%d}\n".formatted(i, i));
      yaml.append("  - {id: t%d, type: add_tags, tags: [x%d], next: f%d}\n".formatted(i, i, i));
      yaml.append(
          branch
              ? ("  - {id: f%d, type: branch, branches: [{when: {field: contact.tags, op: contains,"
                      + " value: x%d}, next: u%d}], else: end}\n")
                  .formatted(i, i, i)
              : "  - {id: f%d, type: split, paths: [{percent: 100, next: u%d}]}\n".formatted(i, i));
      yaml.append("  - {id: u%d, type: add_tags, tags: [y], next: %s}\n".formatted(i, next));
    }
    yaml.append("  - {id: end, type: end}\n");
    return yaml.toString();
  }

  @Test
  void aBranchRightAfterAnActionCostsNoMoreThanASplit() {
    int split = interpreterEvents(actionThenFlowStep(false));
    int branch = interpreterEvents(actionThenFlowStep(true));
    System.out.printf(
        "history events for %d (wait, action, flow step, action): split %d, branch %d%n",
        STEPS, split, branch);
    // each branch is judged by the action before it, which just tagged x<i>: every branch goes on
    assertThat(branch)
        .as("the action's activity judged the branch: no local activity of its own")
        .isEqualTo(split);
  }

  int interpreterEvents(String yaml) {
    AutomationMap map = MapJson.parse(yaml).map();
    try (Simulator sim = new Simulator(Map.of("id", "c_1"), null, Map.of())) {
      AutomationRun run = sim.start(map);
      WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
      return sim.client()
          .fetchHistory(WorkflowStub.fromTyped(run).getExecution().getWorkflowId())
          .getEvents()
          .size();
    }
  }

  int handWrittenEvents() {
    try (var env = RunTestEnvironment.create()) {
      var worker = env.newWorker("hand");
      worker.registerWorkflowImplementationTypes(HandWrittenImpl.class);
      worker.registerActivitiesImplementations(
          new RecordingActions(new SimulatedContact(Map.of("id", "c_1"))));
      env.start();
      HandWritten hand =
          env.getWorkflowClient()
              .newWorkflowStub(
                  HandWritten.class,
                  WorkflowOptions.newBuilder().setWorkflowId("hand").setTaskQueue("hand").build());
      WorkflowClient.start(hand::run, STEPS);
      WorkflowStub.fromTyped(hand).getResult(Void.class);
      return env.getWorkflowClient().fetchHistory("hand").getEvents().size();
    }
  }

  @Test
  void theInterpreterCostsOneSearchAttributeUpdatePerWaitOverAHandWrittenWorkflow() {
    int hand = handWrittenEvents();
    int interpreted = interpreterEvents(map(false));
    int withFlowSteps = interpreterEvents(map(true));
    System.out.printf(
        "history events for %d wait+action steps: hand-written %d (%.1f per pair), interpreter %d (%.1f per pair),"
            + " with a split between each %d; ratio %.2f%n",
        STEPS,
        hand,
        hand / (double) STEPS,
        interpreted,
        interpreted / (double) STEPS,
        withFlowSteps,
        interpreted / (double) hand);
    // each wait upserts RunState/CurrentStep once, on entry; actions upsert nothing; one marker
    // records the run's end in the enrollments table, and one upsert shows the end state
    // (RunState completed); summaries add no events. The run's history version is in its input
    // (no version marker), and the step counters cost nothing: the marks go with the actions'
    // activities (the action before each wait tells the wait's entering) and with the end's; the
    // first wait, which no action precedes, tells its entering in a local activity
    assertThat(interpreted).isLessThanOrEqualTo(hand + STEPS + 3);
    assertThat(withFlowSteps)
        .as("flow steps decided in workflow code add no events")
        .isEqualTo(interpreted);
  }
}
