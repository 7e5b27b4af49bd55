package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.workers.enrollment.EngineActivitiesImpl;
import dev.automap.workers.run.RunTestEnvironment;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import jakarta.inject.Inject;
import java.time.Instant;
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
  @Inject EnrollmentRepository enrollments;
  @Inject EngineActivitiesImpl engine;

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

  /** A running enrollment row for the run the request belongs to. */
  void running(ActionRequest request) {
    enrollments.save(
        new Enrollment(
            request.workflowId(),
            "run-1",
            ACCOUNT,
            "test-map",
            1,
            request.contactId(),
            "running",
            Instant.now(),
            null,
            null));
  }

  static AfterAction endAfter(ActionRequest request) {
    return new AfterAction(
        null, new AfterAction.End("done", request.workflowId(), "completed", "reached done"));
  }

  @Test
  void theEndAfterTheLastActionIsRecordedOnceHoweverOftenTheActivityRuns() {
    String contact = newContact("Cy");
    ActionRequest request = request(contact, "tag");
    running(request);
    AddTagsStep step = new AddTagsStep("tag", null, List.of("last"), null, null);

    ActionResult first = tagThenAsk(request, step, endAfter(request));
    ActionResult again = tagThenAsk(request, step, endAfter(request));

    assertThat(first.endRecorded()).isTrue();
    assertThat(again.endRecorded()).as("a retry answers as the first attempt").isTrue();
    assertThat(again.outcome()).as("the action is not done twice").isEqualTo("unchanged");
    var row = enrollments.findById(request.workflowId()).orElseThrow();
    assertThat(row.state()).isEqualTo("completed");
    assertThat(row.reason()).isEqualTo("reached done");
    assertThat(row.endedAt()).isNotNull();
  }

  @Test
  void anEndTheRunHeldFirstIsNotRecordedByTheAction() {
    String contact = newContact("Di");
    ActionRequest request = request(contact, "tag");
    running(request);
    engine.holdEnd(request.idempotencyKey(), ACCOUNT, contact);

    ActionResult result =
        tagThenAsk(
            request, new AddTagsStep("tag", null, List.of("last"), null, null), endAfter(request));

    assertThat(result.outcome()).as("the action itself is done").isEqualTo("done");
    assertThat(result.endRecorded()).isFalse();
    assertThat(enrollments.findById(request.workflowId()).orElseThrow().state())
        .as("the run ends as it decides")
        .isEqualTo("running");
  }
}
