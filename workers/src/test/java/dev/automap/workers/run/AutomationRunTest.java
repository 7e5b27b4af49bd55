package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.preview.RecordingActions;
import dev.automap.workers.preview.Simulator;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutomationRunTest {
  static final String WELCOME =
      """
      {"key": "welcome", "name": "Welcome", "start": "wait-30d",
       "steps": [
         {"id": "wait-30d", "type": "wait", "duration": "P30D", "next": "tag"},
         {"id": "tag", "type": "add_tags", "tags": ["welcomed"], "next": "done"},
         {"id": "done", "type": "end"}]}""";

  Simulator sim;
  TestWorkflowEnvironment env;
  RecordingActions actions;
  WorkflowClient client;

  @BeforeEach
  void start() {
    sim = new Simulator(Map.of("id", "c_1"), null, Map.of());
    env = sim.environment();
    actions = sim.actions();
    client = sim.client();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  static AutomationMap map(String json) {
    var parsed = MapJson.parse(json);
    assertThat(parsed.problems()).isEmpty();
    return parsed.map();
  }

  AutomationRun startRun(AutomationMap map, String contactId) {
    return sim.start(map, RunInput.of("acme", map.key(), 1, contactId, map, null));
  }

  @Test
  void aThirtyDayWaitThenTagsOnceWithTheStepKey() throws IOException {
    AutomationRun run = startRun(map(WELCOME), "c_1");

    env.sleep(Duration.ofDays(29));
    RunStatus waiting = run.status();
    assertThat(waiting.state()).isEqualTo("waiting");
    assertThat(waiting.steps()).containsExactly("wait-30d");
    assertThat(Instant.parse(waiting.waitingUntil()))
        .isAfter(Instant.ofEpochMilli(env.currentTimeMillis()));
    assertThat(actions.performed).isEmpty();

    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);

    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(actions.performed).hasSize(1);
    var call = actions.performed.getFirst();
    String runId = WorkflowStub.fromTyped(run).getExecution().getRunId();
    assertThat(call.request().idempotencyKey()).isEqualTo("acme:welcome:c_1/" + runId + "/tag/1");
    assertThat(call.type()).isEqualTo("add_tags");
    assertThat(((dev.automap.definitions.model.AddTagsStep) call.step()).tags())
        .containsExactly("welcomed");
    assertThat(run.status().path())
        .extracting(RunStatus.PathEntry::step)
        .containsExactly("wait-30d", "tag", "done");
    saveHistory("welcome-30d", run);
  }

  @Test
  void aPausedContactStaysOnItsWaitAndGoesOnWhenResumed() throws IOException {
    AutomationRun run = startRun(map(WELCOME), "c_2");
    env.sleep(Duration.ofDays(1));
    run.pause(null);
    assertThat(run.status().state()).isEqualTo("paused");

    env.sleep(Duration.ofDays(40));
    assertThat(actions.performed).as("nothing is done while paused").isEmpty();
    assertThat(run.status().steps()).containsExactly("wait-30d");

    run.resume();
    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(actions.performed).hasSize(1);
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
    assertThat(actions.performed).isEmpty();
    saveHistory("welcome-exited", run);
  }

  @Test
  void aRunOnHistoryVersionOneRecordsNoMarkerBeforeItsWaitNorBeforeItsEnd() throws IOException {
    AutomationMap map =
        map(
            """
            {"key": "told", "start": "tag",
             "steps": [
               {"id": "tag", "type": "add_tags", "tags": ["seen"], "next": "hold"},
               {"id": "hold", "type": "wait", "duration": "P1D", "next": "done"},
               {"id": "done", "type": "end"}]}""");
    // history version 1, as the history it records says
    AutomationRun run =
        sim.start(map, new RunInput("acme", map.key(), 1, "c_4", map, null, null, null, null, 1));

    RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);

    assertThat(outcome.state()).isEqualTo("completed");
    var events =
        client.fetchHistory(WorkflowStub.fromTyped(run).getExecution().getWorkflowId()).getEvents();
    assertThat(
            events.stream()
                .filter(
                    e ->
                        e.getEventType()
                            == io.temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED)
                .count())
        .as("the end's local activity only: no version marker, no step marks of their own")
        .isEqualTo(1);
    saveHistory("history-v1-action-wait-end", run);
  }

  /** Writes the run's history where {@code ReplayCorpusTest} can pick it up for the corpus. */
  void saveHistory(String name, AutomationRun run) throws IOException {
    saveHistory(name, client, run);
  }

  /** As {@link #saveHistory(String, AutomationRun)}, for a run on another client. */
  void saveHistory(String name, WorkflowClient client, AutomationRun run) throws IOException {
    Path dir = Path.of("target", "recorded-histories");
    Files.createDirectories(dir);
    String json =
        client
            .fetchHistory(WorkflowStub.fromTyped(run).getExecution().getWorkflowId())
            .toJson(true);
    Files.writeString(dir.resolve(name + ".json"), json);
  }
}
