package dev.automap.app.bench;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.workers.actions.ActionPolicy;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.run.EngineActivities;
import dev.automap.workers.run.FactsActivities;
import dev.automap.workers.run.FactsRequest;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The benchmark maps written by hand as workflows: the same action activities with the same options
 * and idempotency keys, the same timers, the contact's data read by the same local activities for
 * the branch and the goal, the goal recorded and the run's end written to the enrollments table by
 * the same local activities. What they leave out is the interpreter's own bookkeeping: search
 * attribute upserts and version markers.
 */
public final class HandWritten {
  private HandWritten() {}

  /** Who a hand-written run acts for, and how long its waits are. */
  public record Input(String accountId, String automationKey, String contactId, String pause) {}

  @WorkflowInterface
  public interface FiveActions {
    @WorkflowMethod(name = "BenchFiveActions")
    void run(Input input);
  }

  @WorkflowInterface
  public interface TwentySteps {
    @WorkflowMethod(name = "BenchTwentySteps")
    void run(Input input);
  }

  /** A workflow that does nothing: the baseline of how fast a client starts workflows. */
  @WorkflowInterface
  public interface Empty {
    @WorkflowMethod(name = "BenchEmpty")
    void run(String contactId);
  }

  public static class EmptyImpl implements Empty {
    @Override
    public void run(String contactId) {}
  }

  static final LocalActivityOptions FACTS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
          .build();

  static final LocalActivityOptions ENGINE_LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(5)).build())
          .build();

  /** One add_tags action, as the interpreter runs it. */
  static void tag(Input in, String stepId) {
    ActivityStub actions =
        Workflow.newUntypedActivityStub(ActionPolicy.forType("add_tags").activityOptions());
    var info = Workflow.getInfo();
    ActionRequest request =
        new ActionRequest(
            info.getWorkflowId() + "/" + info.getRunId() + "/" + stepId + "/1",
            in.accountId(),
            in.contactId(),
            in.automationKey(),
            stepId,
            Map.of(),
            null);
    actions.execute(
        "add_tags",
        ActionResult.class,
        request,
        new AddTagsStep(stepId, null, List.of("bench-" + stepId), null, null));
  }

  static boolean holds(Input in, Condition condition) {
    FactsActivities facts = Workflow.newLocalActivityStub(FactsActivities.class, FACTS);
    return facts
        .holding(
            new FactsRequest(
                in.accountId(),
                in.contactId(),
                Map.of(),
                null,
                Instant.ofEpochMilli(Workflow.currentTimeMillis())),
            List.of(condition))
        .contains(0);
  }

  static void finish(Input in) {
    Workflow.newLocalActivityStub(EngineActivities.class, ENGINE_LOCAL)
        .finish(
            Workflow.getInfo().getWorkflowId(),
            "completed",
            "every path reached its end",
            Instant.ofEpochMilli(Workflow.currentTimeMillis()),
            null);
  }

  static Condition tagged(String tag) {
    return new FieldCondition("contact.tags", Op.CONTAINS, TextNode.valueOf(tag));
  }

  public static class FiveActionsImpl implements FiveActions {
    @Override
    public void run(Input in) {
      for (int i = 1; i <= 5; i++) {
        tag(in, "t" + i);
      }
      finish(in);
    }
  }

  /** The benchmark's 20-step map: actions, five waits, a branch and a goal. */
  public static class TwentyStepsImpl implements TwentySteps {
    @Override
    public void run(Input in) {
      Duration wait = Duration.parse(in.pause());
      tag(in, "t1");
      Workflow.sleep(wait);
      tag(in, "t2");
      if (holds(in, tagged("vip"))) {
        tag(in, "t3v");
      } else {
        tag(in, "t3");
      }
      Workflow.sleep(wait);
      tag(in, "t4");
      tag(in, "t5");
      Workflow.sleep(wait);
      tag(in, "t6");
      // the goal on an event not sent: not met, the run goes on
      tag(in, "t7");
      Workflow.sleep(wait);
      tag(in, "t8");
      tag(in, "t9");
      Workflow.sleep(wait);
      tag(in, "t10");
      tag(in, "t11");
      finish(in);
    }
  }
}
