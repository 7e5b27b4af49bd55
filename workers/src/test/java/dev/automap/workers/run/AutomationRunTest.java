package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.enrollment.EnrollmentService;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutomationRunTest {
  static final String WELCOME = """
      {"key": "welcome", "name": "Welcome", "start": "wait-30d",
       "steps": [
         {"id": "wait-30d", "type": "wait", "duration": "P30D", "next": "tag"},
         {"id": "tag", "type": "add_tags", "tags": ["welcomed"], "next": "done"},
         {"id": "done", "type": "end"}]}""";

  TestWorkflowEnvironment env;
  RecordingContactActivities actions = new RecordingContactActivities();
  WorkflowClient client;

  @BeforeEach
  void start() {
    env = RunTestEnvironment.create();
    var worker = env.newWorker(RunTestEnvironment.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
    worker.registerActivitiesImplementations(actions);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  static AutomationMap map(String json) {
    var parsed = MapJson.parse(json);
    assertThat(parsed.problems()).isEmpty();
    return parsed.map();
  }

  AutomationRun startRun(AutomationMap map, String contactId) {
    String id = EnrollmentService.workflowId("acme", map.key(), contactId);
    AutomationRun run = client.newWorkflowStub(AutomationRun.class, WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(RunTestEnvironment.TASK_QUEUE)
        .setTypedSearchAttributes(SearchAttributes.newBuilder()
            .set(RunSearchAttributes.ACCOUNT_ID, "acme")
            .set(RunSearchAttributes.AUTOMATION_KEY, map.key())
            .set(RunSearchAttributes.AUTOMATION_VERSION, 1L)
            .set(RunSearchAttributes.CONTACT_ID, contactId)
            .build())
        .build());
    WorkflowClient.start(run::run, new RunInput("acme", map.key(), 1, contactId, map, null));
    return run;
  }

  @Test
  void aThirtyDayWaitThenTagsOnceWithTheStepKey() throws IOException {
    AutomationRun run = startRun(map(WELCOME), "c_1");

    env.sleep(Duration.ofDays(29));
    RunStatus waiting = run.status();
    assertThat(waiting.state()).isEqualTo("waiting");
    assertThat(waiting.steps()).containsExactly("wait-30d");
    assertThat(Instant.parse(waiting.waitingUntil())).isAfter(Instant.ofEpochMilli(env.currentTimeMillis()));
    assertThat(actions.calls).isEmpty();

    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);

    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(actions.calls).hasSize(1);
    var call = actions.calls.getFirst();
    String runId = WorkflowStub.fromTyped(run).getExecution().getRunId();
    assertThat(call.request().idempotencyKey()).isEqualTo("acme:welcome:c_1/" + runId + "/tag/1");
    assertThat(call.type()).isEqualTo("add_tags");
    assertThat(((dev.automap.definitions.model.AddTagsStep) call.step()).tags()).containsExactly("welcomed");
    assertThat(run.status().path()).extracting(RunStatus.PathEntry::step).containsExactly("wait-30d", "tag", "done");
    saveHistory("welcome-30d", run);
  }

  @Test
  void aPausedContactStaysOnItsWaitAndGoesOnWhenResumed() throws IOException {
    AutomationRun run = startRun(map(WELCOME), "c_2");
    env.sleep(Duration.ofDays(1));
    run.pause();
    assertThat(run.status().state()).isEqualTo("paused");

    env.sleep(Duration.ofDays(40));
    assertThat(actions.calls).as("nothing is done while paused").isEmpty();
    assertThat(run.status().steps()).containsExactly("wait-30d");

    run.resume();
    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(actions.calls).hasSize(1);
    saveHistory("welcome-paused-resumed", run);
  }

  @Test
  void exitEndsTheRunCleanlyWithItsReason() throws IOException {
    AutomationRun run = startRun(map(WELCOME), "c_3");
    env.sleep(Duration.ofDays(2));
    run.exit("unsubscribed");

    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);

    assertThat(outcome.state()).isEqualTo("exited");
    assertThat(outcome.reason()).isEqualTo("unsubscribed");
    assertThat(actions.calls).isEmpty();
    saveHistory("welcome-exited", run);
  }

  /** Writes the run's history where {@code ReplayCorpusTest} can pick it up for the corpus. */
  void saveHistory(String name, AutomationRun run) throws IOException {
    Path dir = Path.of("target", "recorded-histories");
    Files.createDirectories(dir);
    String json = client.fetchHistory(WorkflowStub.fromTyped(run).getExecution().getWorkflowId()).toJson(true);
    Files.writeString(dir.resolve(name + ".json"), json);
  }
}
