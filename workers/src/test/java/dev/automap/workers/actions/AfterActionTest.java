package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.workers.run.RunTestEnvironment;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An action's activity asked to judge the branch after it ({@link AfterAction}, history version 2):
 * the engine's dispatcher on a worker, against the real store, judges on the contact as the action
 * left it, with the run's vars after the action.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AfterActionTest extends ActionTestSupport {
  TestWorkflowEnvironment env;

  /** One add_tags action as the run schedules it before a branch. */
  @WorkflowInterface
  public interface TagThenAsk {
    @WorkflowMethod
    ActionResult run(ActionRequest request, AddTagsStep step, AfterAction after);
  }

  public static class TagThenAskImpl implements TagThenAsk {
    @Override
    public ActionResult run(ActionRequest request, AddTagsStep step, AfterAction after) {
      return Workflow.newUntypedActivityStub(ActionPolicy.forType("add_tags").activityOptions())
          .execute("add_tags", ActionResult.class, request, step, null, null, after);
    }
  }

  @BeforeAll
  void worker() {
    env = RunTestEnvironment.create();
    var worker = env.newWorker(RunTestEnvironment.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(TagThenAskImpl.class);
    worker.registerActivitiesImplementations(dispatcher);
    env.start();
  }

  @AfterAll
  void stop() {
    env.close();
  }

  ActionResult tagThenAsk(ActionRequest request, AddTagsStep step, AfterAction after) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            TagThenAsk.class,
            WorkflowOptions.newBuilder().setTaskQueue(RunTestEnvironment.TASK_QUEUE).build())
        .run(request, step, after);
  }

  static Condition field(String path, Op op, String value) {
    return new FieldCondition(path, op, TextNode.valueOf(value));
  }

  @Test
  void theBranchIsJudgedOnTheContactAsTheActionLeftIt() {
    String contact = newContact("Ada");
    AddTagsStep step = new AddTagsStep("tag", null, List.of("vip"), null, null);
    AfterAction after =
        new AfterAction(
            List.of(
                field("contact.tags", Op.CONTAINS, "gold"),
                field("contact.tags", Op.CONTAINS, "vip"),
                field("vars.plan", Op.EQ, "pro")));

    ActionResult result =
        tagThenAsk(request(contact, "tag", Map.of("plan", "pro"), null), step, after);

    assertThat(result.outcome()).isEqualTo("done");
    assertThat(result.holding()).as("vip was tagged by the action itself").containsExactly(1, 2);
  }

  @Test
  void noBranchAskedNoAnswer() {
    String contact = newContact("Bea");
    ActionResult result =
        tagThenAsk(
            request(contact, "tag"), new AddTagsStep("tag", null, List.of("x"), null, null), null);

    assertThat(result.outcome()).isEqualTo("done");
    assertThat(result.holding()).isNull();
  }
}
