package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.workers.preview.Simulator;
import dev.automap.workers.temporal.PayloadCompression;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run whose map is large starts with its input compressed in history (the map travels in the
 * input), waits, answers its {@code status} query, takes a signal sent as plain JSON (as the
 * Temporal CLI sends it) and finishes; its history replays.
 */
class CompressedInputRunTest {

  /** A map of {@code tags} add_tags steps after a one-day wait. */
  static String largeMap(int tags) {
    StringBuilder steps = new StringBuilder();
    steps.append(
        "{\"id\": \"wait-a-day\", \"type\": \"wait\", \"duration\": \"P1D\", \"next\": \"tag-0\"}");
    for (int i = 0; i < tags; i++) {
      steps
          .append(",\n{\"id\": \"tag-")
          .append(i)
          .append("\", \"type\": \"add_tags\", \"tags\": [\"step-")
          .append(i)
          .append("\"], \"next\": \"")
          .append(i + 1 < tags ? "tag-" + (i + 1) : "done")
          .append("\"}");
    }
    steps.append(",\n{\"id\": \"done\", \"type\": \"end\"}");
    return "{\"key\": \"large\", \"name\": \"Large\", \"start\": \"wait-a-day\", \"steps\": ["
        + steps
        + "]}";
  }

  @Test
  void aLargeMapTravelsCompressedAndTheRunStillRunsAndAnswers() throws Exception {
    try (Simulator sim = new Simulator(Map.of("id", "c_big"), null, Map.of())) {
      AutomationMap map = AutomationRunTest.map(largeMap(60));
      AutomationRun run = sim.start(map, RunInput.of("acme", map.key(), 1, "c_big", map, null));
      WorkflowStub stub = WorkflowStub.fromTyped(run);
      String workflowId = stub.getExecution().getWorkflowId();

      sim.environment().sleep(Duration.ofHours(1));
      RunStatus waiting = run.status();
      assertThat(waiting.state()).isEqualTo("waiting");
      assertThat(waiting.steps()).containsExactly("wait-a-day");

      var started =
          sim.client()
              .fetchHistory(workflowId)
              .getEvents()
              .getFirst()
              .getWorkflowExecutionStartedEventAttributes();
      Payload input = started.getInput().getPayloads(0);
      assertThat(PayloadCompression.compressed(input)).as("the input is compressed").isTrue();
      int uncompressed =
          new PayloadCompression().decode(List.of(input)).getFirst().getSerializedSize();
      assertThat(input.getSerializedSize())
          .as(
              "compressed input of %d bytes against %d plain",
              input.getSerializedSize(), uncompressed)
          .isLessThan(uncompressed / 4);

      // a pause and a resume as the Temporal CLI sends them: plain JSON, no codec
      WorkflowClient plain =
          WorkflowClient.newInstance(
              sim.environment().getWorkflowServiceStubs(),
              WorkflowClientOptions.newBuilder()
                  .setNamespace(sim.environment().getNamespace())
                  .build());
      plain.newUntypedWorkflowStub(workflowId).signal("pause", "checking the address");
      assertThat(run.status().state()).isEqualTo("paused");
      var paused = sim.client().fetchHistory(workflowId);
      assertThat(paused.getEvents())
          .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
          .extracting(e -> e.getWorkflowExecutionSignaledEventAttributes().getInput())
          .singleElement()
          .satisfies(
              signal ->
                  assertThat(signal.getPayloads(0).getData().toStringUtf8())
                      .isEqualTo("\"checking the address\""));
      plain.newUntypedWorkflowStub(workflowId).signal("resume");

      RunOutcome outcome = stub.getResult(RunOutcome.class);
      assertThat(outcome.state()).isEqualTo("completed");
      assertThat(sim.actions().performed).hasSize(60);
      assertThat(run.status().path())
          .extracting(RunStatus.PathEntry::outcome)
          .startsWith("paused: checking the address", "resumed")
          .endsWith("done: added step-59", "ended")
          .hasSize(64);

      // the history of the run as it paused: a compressed input beside a plain signal
      try (var replay = RunTestEnvironment.create()) {
        var worker = replay.newWorker("replay");
        worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
        WorkflowReplayer.replayWorkflowExecution(paused, worker);
      }
    }
  }
}
