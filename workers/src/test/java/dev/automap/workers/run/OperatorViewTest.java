package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.workers.preview.Simulator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads of a run in Temporal UI, read from the run's recorded history: timers and
 * activities summarised by step and what they do, the end state upserted with details saying how
 * the run ended, a pause's reason, the timer of a wait cut short cancelled.
 */
class OperatorViewTest {
  static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");

  Simulator sim = new Simulator(Map.of("id", "c_1"), MONDAY_NOON, Map.of());

  @AfterEach
  void close() {
    sim.close();
  }

  List<HistoryEvent> history(AutomationRun run) {
    var execution = WorkflowStub.fromTyped(run).getExecution();
    return sim.client()
        .fetchHistory(execution.getWorkflowId(), execution.getRunId())
        .getHistory()
        .getEventsList();
  }

  static String text(io.temporal.api.common.v1.Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }

  static List<String> summaries(List<HistoryEvent> events, EventType type) {
    return events.stream()
        .filter(e -> e.getEventType() == type && e.getUserMetadata().hasSummary())
        .map(e -> text(e.getUserMetadata().getSummary()))
        .toList();
  }

  /** The values the run upserted as its {@code RunState}, in order. */
  static List<String> runStates(List<HistoryEvent> events) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
        .map(
            e ->
                e.getUpsertWorkflowSearchAttributesEventAttributes()
                    .getSearchAttributes()
                    .getIndexedFieldsMap()
                    .get("RunState"))
        .filter(java.util.Objects::nonNull)
        .map(OperatorViewTest::text)
        .toList();
  }

  String details(AutomationRun run) {
    return WorkflowStub.fromTyped(run)
        .query("__temporal_workflow_metadata", WorkflowMetadata.class)
        .getCurrentDetails();
  }

  /** Keeps the history for the replay corpus, as the scenario tests do. */
  void save(String name, AutomationRun run) throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "recorded-histories");
    java.nio.file.Files.createDirectories(dir);
    var execution = WorkflowStub.fromTyped(run).getExecution();
    java.nio.file.Files.writeString(
        dir.resolve(name + ".json"),
        sim.client().fetchHistory(execution.getWorkflowId(), execution.getRunId()).toJson(true));
  }

  RunOutcome outcome(AutomationRun run) {
    return WorkflowStub.fromTyped(run).getResult(RunOutcome.class);
  }

  @Test
  void timersAndActivitiesNameTheirStepAndWhatTheyDoAndTheEndIsShown() {
    AutomationMap map =
        ScenarioTest.map(
            """
            key: view
            timezone: Europe/Berlin
            start: tag-welcome
            steps:
              - {id: tag-welcome, type: add_tags, tags: [welcomed], next: score}
              - {id: score, type: adjust_score, by: 10, next: w}
              - {id: w, type: wait, duration: P1D, next: replied}
              - {id: replied, type: wait_for, event: {event: email.replied}, timeout: PT2H, next: done, onTimeout: done}
              - {id: done, type: end}
            """);
    AutomationRun run = sim.start(map);
    sim.environment().sleep(Duration.ofDays(1).plusHours(3));
    RunOutcome outcome = outcome(run);
    List<HistoryEvent> events = history(run);

    assertThat(summaries(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("tag-welcome: add_tags welcomed", "score: adjust_score +10");
    assertThat(summaries(events, EventType.EVENT_TYPE_TIMER_STARTED))
        .containsExactly(
            "w: wait until 2026-03-03 13:00 Europe/Berlin",
            "replied: wait_for email.replied until 2026-03-03 15:00 Europe/Berlin");
    assertThat(summaries(events, EventType.EVENT_TYPE_MARKER_RECORDED))
        .as("the end's local activity says which step asks what")
        .contains("done: engine.finish records completed");
    assertThat(outcome.state()).isEqualTo("completed");
    assertThat(runStates(events)).last().isEqualTo("completed");
    assertThat(details(run)).isEqualTo("Ended: completed, reached done, at done");
    assertThat(run.status().state()).isEqualTo("completed");
  }

  @Test
  void anActionThatFailsAndEndsTheRunEndsItAsFailedWithItsRealMessage() throws java.io.IOException {
    AutomationMap map =
        ScenarioTest.map(
            """
            key: crm
            start: call-crm
            steps:
              - {id: call-crm, type: add_tags, tags: [synced], next: done}
              - {id: done, type: end}
            """);
    sim.actions().failing("add_tags");
    AutomationRun run = sim.start(map);
    RunOutcome outcome = outcome(run);
    List<HistoryEvent> events = history(run);

    assertThat(outcome.state()).isEqualTo("failed");
    assertThat(outcome.reason()).isEqualTo("call-crm failed");
    assertThat(run.status().state()).isEqualTo("failed");
    assertThat(run.status().path())
        .extracting(RunStatus.PathEntry::outcome)
        .containsExactly("failed: add_tags failed (as asked)");
    assertThat(runStates(events)).last().isEqualTo("failed");
    assertThat(details(run)).isEqualTo("Ended: failed, call-crm failed, at call-crm");
    assertThat(summaries(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("call-crm: add_tags synced");
    save("action-failed-ends-failed", run);
  }

  @Test
  void aMapTheRunCannotFollowEndsItAsFailedNamingTheStep() {
    var parsed =
        dev.automap.definitions.model.MapJson.parse(
            """
            key: lost
            start: tag
            steps:
              - {id: tag, type: add_tags, tags: [a], next: nowhere}
            """);
    AutomationRun run = sim.start(parsed.map());
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> outcome(run));
    assertThat(thrown).as("the workflow execution fails").isNotNull();
    List<HistoryEvent> events = history(run);
    assertThat(runStates(events)).last().isEqualTo("failed");
    assertThat(summaries(events, EventType.EVENT_TYPE_MARKER_RECORDED))
        .contains("tag: engine.finish records failed");
    assertThat(details(run))
        .isEqualTo("Ended: failed, step \"nowhere\": no such step in the map, at tag");
  }

  @Test
  void aPauseSaysWhyAndByWhomAResumeRestoresTheDetailsAndAnExitCancelsTheTimer()
      throws java.io.IOException {
    AutomationMap map =
        ScenarioTest.map(
            """
            key: slow
            start: w
            steps:
              - {id: w, type: wait, duration: P3D, next: done}
              - {id: done, type: end}
            """);
    AutomationRun run = sim.start(map);
    sim.environment().sleep(Duration.ofHours(1));
    String waiting = details(run);
    assertThat(waiting).startsWith("Waiting on **w** until 2026-03-05T12:00");

    run.pause("address being checked (by ops-ana)");
    sim.environment().sleep(Duration.ofMinutes(1));
    assertThat(run.status().state()).isEqualTo("paused");
    assertThat(details(run))
        .isEqualTo("Paused: address being checked (by ops-ana) (was: " + waiting + ")");
    assertThat(run.status().path())
        .extracting(p -> p.step() + " " + p.outcome())
        .containsExactly("w paused: address being checked (by ops-ana)");

    run.resume();
    sim.environment().sleep(Duration.ofMinutes(1));
    assertThat(details(run)).isEqualTo(waiting);
    assertThat(run.status().path()).extracting(RunStatus.PathEntry::outcome).endsWith("resumed");

    run.exit("no longer a lead");
    RunOutcome outcome = outcome(run);
    List<HistoryEvent> events = history(run);
    assertThat(outcome.state()).isEqualTo("exited");
    assertThat(runStates(events)).containsSubsequence("waiting", "paused", "waiting", "exited");
    assertThat(details(run)).isEqualTo("Ended: exited, no longer a lead, at w");
    assertThat(events)
        .as("the wait cut short cancels its timer")
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED);
    save("paused-with-reason-exited", run);
  }

  @Test
  void aPauseSentWithoutAPayloadIsAPauseWithoutAReason() {
    AutomationMap map =
        ScenarioTest.map(
            """
            key: slow
            start: w
            steps:
              - {id: w, type: wait, duration: P3D, next: done}
              - {id: done, type: end}
            """);
    AutomationRun run = sim.start(map);
    sim.environment().sleep(Duration.ofHours(1));
    WorkflowStub.fromTyped(run).signal("pause");
    sim.environment().sleep(Duration.ofMinutes(1));
    assertThat(run.status().state()).isEqualTo("paused");
    assertThat(details(run)).startsWith("Paused: no reason given (was: Waiting on **w**");
  }

  @Test
  void aFailureIsToldByItsRootMessageNeverEmpty() {
    ApplicationFailure root = ApplicationFailure.newFailure("connection refused", "Io");
    ActivityFailure wrapped =
        new ActivityFailure(
            "",
            5,
            6,
            "webhook",
            "1",
            RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED,
            "w",
            ApplicationFailure.newFailureWithCause("", "Wrapper", root));
    assertThat(ActionExecutor.rootMessage(wrapped)).isEqualTo("connection refused");

    ActivityFailure timedOut =
        new ActivityFailure(
            "",
            5,
            6,
            "webhook",
            "1",
            RetryState.RETRY_STATE_TIMEOUT,
            "w",
            new TimeoutFailure("", null, TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE));
    assertThat(ActionExecutor.rootMessage(timedOut)).isEqualTo("timed out (start to close)");

    ActivityFailure bare =
        new ActivityFailure(
            "", 5, 6, "webhook", "1", RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE, "w", null);
    assertThat(ActionExecutor.rootMessage(bare)).isNotBlank();
  }
}
