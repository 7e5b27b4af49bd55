package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.preview.RecordingActions;
import dev.automap.workers.preview.Simulator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code migrate} signal: a run moves to another version at its next step boundary. */
class MigrationTest {
  static final String V1 =
      """
      {"key": "onboard", "start": "hello", "steps": [
        {"id": "hello", "type": "add_tags", "tags": ["v1-hello"], "next": "hold"},
        {"id": "hold", "type": "wait", "duration": "P3D", "next": "ask"},
        {"id": "ask", "type": "wait_for", "event": {"event": "form.submitted"}, "timeout": "P30D",
         "next": "v1-thanks", "onTimeout": "done"},
        {"id": "v1-thanks", "type": "add_tags", "tags": ["v1-thanks"], "next": "done"},
        {"id": "done", "type": "end"}]}""";

  static final String V2 =
      """
      {"key": "onboard", "start": "hello", "steps": [
        {"id": "hello", "type": "add_tags", "tags": ["v1-hello"], "next": "hold2"},
        {"id": "hold2", "type": "wait", "duration": "P3D", "next": "v2-nudge"},
        {"id": "v2-nudge", "type": "add_tags", "tags": ["v2-nudge"], "next": "ask2"},
        {"id": "ask2", "type": "wait_for", "event": {"event": "form.submitted"}, "timeout": "P30D",
         "next": "v2-thanks", "onTimeout": "done"},
        {"id": "v2-thanks", "type": "add_tags", "tags": ["v2-thanks"], "next": "done"},
        {"id": "done", "type": "end"}]}""";

  static final Map<String, String> MAPPING = Map.of("hold", "hold2", "ask", "ask2", "done", "done");

  Simulator sim;
  TestWorkflowEnvironment env;
  RecordingActions actions;
  WorkflowClient client;

  @BeforeEach
  void start() {
    sim = new Simulator(Map.of("id", "c_1"), Instant.parse("2026-03-02T09:00:00Z"), Map.of());
    sim.engine().version(2, map(V2));
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

  AutomationRun startV1(String contactId) {
    AutomationMap v1 = map(V1);
    return sim.start(v1, RunInput.of("acme", v1.key(), 1, contactId, v1, null));
  }

  /** The run now, whichever run of the chain is current. */
  AutomationRun current(AutomationRun run) {
    return client.newWorkflowStub(
        AutomationRun.class, WorkflowStub.fromTyped(run).getExecution().getWorkflowId());
  }

  List<String> tags() {
    return actions.performed.stream()
        .flatMap(call -> ((AddTagsStep) call.step()).tags().stream())
        .toList();
  }

  @Test
  void aRunWaitingOnATimerMovesAndItsMappedWaitStartsAfresh() throws Exception {
    AutomationRun run = startV1("c_1");
    env.sleep(Duration.ofDays(1));
    assertThat(run.status().steps()).containsExactly("hold");

    run.migrate(new MigrationOrder(2, MAPPING, null));
    env.sleep(Duration.ofMinutes(1));

    RunStatus moved = current(run).status();
    assertThat(moved.steps()).containsExactly("hold2");
    assertThat(moved.state()).isEqualTo("waiting");
    assertThat(Instant.parse(moved.waitingUntil()))
        .as("the mapped wait starts afresh: three days from the move")
        .isAfter(Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(2)));
    assertThat(moved.path())
        .extracting(RunStatus.PathEntry::outcome)
        .contains("moved to version 2, step hold2");

    env.sleep(Duration.ofDays(3));
    assertThat(tags()).containsExactly("v1-hello", "v2-nudge");
    assertThat(current(run).status().steps()).containsExactly("ask2");

    current(run).event(Map.of("id", "e1", "type", "form.submitted", "contactId", "c_1"));
    RunOutcome outcome = WorkflowStub.fromTyped(current(run)).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(tags()).containsExactly("v1-hello", "v2-nudge", "v2-thanks");

    WorkflowExecutionHistory first = firstRun(run);
    assertThat(first.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    var carried =
        first
            .getLastEvent()
            .getWorkflowExecutionContinuedAsNewEventAttributes()
            .getSearchAttributes()
            .getIndexedFieldsMap()
            .get(RunSearchAttributes.AUTOMATION_VERSION.getName());
    assertThat(carried).as("the next run is found under its new version").isNotNull();
    assertThat(carried.getData().toStringUtf8()).isEqualTo("2");
    saveHistory("migrated-timer-wait", first);
    // the moved run's own history replays against today's interpreter
    try (var replay = RunTestEnvironment.create()) {
      var worker = replay.newWorker("replay");
      worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
      WorkflowReplayer.replayWorkflowExecution(first, worker);
    }
  }

  @Test
  void aRunWaitingForAnEventMovesAndHearsTheEventOnTheNewVersion() {
    AutomationRun run = startV1("c_1");
    env.sleep(Duration.ofDays(4));
    assertThat(run.status().steps()).containsExactly("ask");

    run.migrate(new MigrationOrder(2, MAPPING, null));
    env.sleep(Duration.ofMinutes(1));
    assertThat(current(run).status().steps()).containsExactly("ask2");
    assertThat(current(run).status().waitingFor()).contains("form.submitted");

    current(run).event(Map.of("id", "e1", "type", "form.submitted", "contactId", "c_1"));
    RunOutcome outcome = WorkflowStub.fromTyped(current(run)).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(tags()).containsExactly("v1-hello", "v2-thanks");
  }

  @Test
  void aRunOnAStepWithoutAMappingRefusesAndKeepsItsDueTime() {
    AutomationRun run = startV1("c_1");
    env.sleep(Duration.ofDays(1));
    String untilBefore = run.status().waitingUntil();

    run.migrate(new MigrationOrder(2, Map.of("ask", "ask2"), null));
    env.sleep(Duration.ofMinutes(1));

    RunStatus stayed = current(run).status();
    assertThat(stayed.steps()).containsExactly("hold");
    assertThat(stayed.waitingUntil()).isEqualTo(untilBefore);
    assertThat(stayed.path())
        .extracting(RunStatus.PathEntry::outcome)
        .contains("migration to version 2 refused: no mapping for step hold");
    assertThat(firstRun(run).getLastEvent().getEventType())
        .as("the run did not continue as new")
        .isNotEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

    env.sleep(Duration.ofDays(3));
    current(run).event(Map.of("id", "e1", "type", "form.submitted", "contactId", "c_1"));
    RunOutcome outcome = WorkflowStub.fromTyped(current(run)).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(tags()).containsExactly("v1-hello", "v1-thanks");
  }

  @Test
  void aPausedRunMovesAndStaysPausedOnItsMappedStep() {
    AutomationRun run = startV1("c_1");
    env.sleep(Duration.ofDays(1));
    run.pause("checking the address");
    run.migrate(new MigrationOrder(2, MAPPING, null));
    env.sleep(Duration.ofMinutes(1));

    RunStatus moved = current(run).status();
    assertThat(moved.state()).isEqualTo("paused");
    assertThat(moved.steps()).containsExactly("hold2");
    env.sleep(Duration.ofDays(5));
    assertThat(tags()).as("nothing is done while paused").containsExactly("v1-hello");

    current(run).resume();
    env.sleep(Duration.ofDays(2));
    assertThat(tags())
        .as("the mapped wait begins when the run goes on")
        .containsExactly("v1-hello");
    env.sleep(Duration.ofDays(2));
    assertThat(tags()).containsExactly("v1-hello", "v2-nudge");
  }

  @Test
  void aMigrationToTheVersionTheRunFollowsIsRefused() {
    AutomationRun run = startV1("c_1");
    env.sleep(Duration.ofDays(1));
    run.migrate(new MigrationOrder(1, MAPPING, null));
    env.sleep(Duration.ofMinutes(1));
    assertThat(current(run).status().steps()).containsExactly("hold");
    assertThat(current(run).status().path())
        .extracting(RunStatus.PathEntry::outcome)
        .contains("migration to version 1 refused: the run follows version 1 already");
  }

  @Test
  void aForkedRunMovesEveryPathToItsMappedStep() {
    AutomationMap v1 =
        map(
            """
            {"key": "forked", "start": "split", "steps": [
              {"id": "split", "type": "fork", "paths": ["short", "long"]},
              {"id": "short", "type": "wait", "duration": "P1D", "next": "s-tag"},
              {"id": "s-tag", "type": "add_tags", "tags": ["v1-short"]},
              {"id": "long", "type": "wait", "duration": "P5D", "next": "l-tag"},
              {"id": "l-tag", "type": "add_tags", "tags": ["v1-long"]}]}""");
    AutomationMap v2 =
        map(
            """
            {"key": "forked", "start": "split", "steps": [
              {"id": "split", "type": "fork", "paths": ["short2", "long2"]},
              {"id": "short2", "type": "wait", "duration": "PT1H", "next": "s-tag2"},
              {"id": "s-tag2", "type": "add_tags", "tags": ["v2-short"]},
              {"id": "long2", "type": "wait", "duration": "PT2H", "next": "l-tag2"},
              {"id": "l-tag2", "type": "add_tags", "tags": ["v2-long"]}]}""");
    sim.engine().version(2, v2);
    AutomationRun run = sim.start(v1, RunInput.of("acme", "forked", 1, "c_1", v1, null));
    env.sleep(Duration.ofHours(12));
    assertThat(run.status().steps()).containsExactlyInAnyOrder("short", "long");

    run.migrate(new MigrationOrder(2, Map.of("short", "short2", "long", "long2"), null));
    env.sleep(Duration.ofMinutes(1));
    assertThat(current(run).status().steps()).containsExactlyInAnyOrder("short2", "long2");

    RunOutcome outcome = WorkflowStub.fromTyped(current(run)).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(tags()).containsExactlyInAnyOrder("v2-short", "v2-long");
  }

  @Test
  void aPathThatReachesAnUnmappedStepAtItsBoundaryRefusesAndGoesOn() {
    // one path waits on a mapped step, the other is paused between steps before an unmapped one
    AutomationMap v1 =
        map(
            """
            {"key": "forked", "start": "split", "steps": [
              {"id": "split", "type": "fork", "paths": ["short", "long"]},
              {"id": "short", "type": "wait", "duration": "P1D", "next": "s-tag"},
              {"id": "s-tag", "type": "add_tags", "tags": ["v1-short"]},
              {"id": "long", "type": "wait", "duration": "P5D", "next": "l-tag"},
              {"id": "l-tag", "type": "add_tags", "tags": ["v1-long"]}]}""");
    sim.engine().version(2, v1);
    AutomationRun run = sim.start(v1, RunInput.of("acme", "forked", 1, "c_1", v1, null));
    env.sleep(Duration.ofHours(12));
    run.pause(null);
    env.sleep(Duration.ofDays(1));
    // "short" ended while paused: that path goes on to s-tag after the resume
    String longUntil = run.status().waitingUntil();
    assertThat(longUntil).isNotNull();
    run.migrate(new MigrationOrder(2, Map.of("short", "short", "long", "long"), null));
    env.sleep(Duration.ofMinutes(1));
    run.resume();
    env.sleep(Duration.ofMinutes(1));

    RunStatus status = current(run).status();
    assertThat(status.path())
        .extracting(RunStatus.PathEntry::outcome)
        .contains("migration to version 2 refused: no mapping for step s-tag");
    assertThat(tags()).containsExactly("v1-short");
    assertThat(firstRun(run).getLastEvent().getEventType())
        .isNotEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(status.waitingUntil())
        .as("the path left waiting keeps its due time")
        .isEqualTo(longUntil);
    RunOutcome outcome = WorkflowStub.fromTyped(current(run)).getResult(RunOutcome.class);
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(tags()).containsExactly("v1-short", "v1-long");
  }

  WorkflowExecutionHistory firstRun(AutomationRun run) {
    var execution = WorkflowStub.fromTyped(run).getExecution();
    return client.fetchHistory(execution.getWorkflowId(), execution.getRunId());
  }

  /** Writes the history where {@code ReplayCorpusTest} can pick it up for the corpus. */
  static void saveHistory(String name, WorkflowExecutionHistory history) throws IOException {
    Path dir = Path.of("target", "recorded-histories");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".json"), history.toJson(true));
  }
}
