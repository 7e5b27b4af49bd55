package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.preview.Simulator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run that loops daily for three years continues as new and never lets history grow large. */
class LongRunTest {

  @Test
  void aDailyLoopForThreeYearsCompletesAcrossContinueAsNew() {
    var parsed =
        MapJson.parse(
            """
        key: daily
        start: count
        steps:
          - {id: count, type: increment_field, field: fields.days, by: 1, next: more}
          - id: more
            type: branch
            branches: [{when: {field: contact.fields.days, op: lt, value: 1095}, next: sleep}]
            else: done
          - {id: sleep, type: wait, duration: P1D, next: count}
          - {id: done, type: add_tags, tags: [three-years]}
        """);
    assertThat(parsed.problems()).isEmpty();
    AutomationMap map = parsed.map();
    try (Simulator sim =
        new Simulator(Map.of("id", "c_1"), Instant.parse("2026-01-01T00:00:00Z"), Map.of())) {
      AutomationRun run = sim.start(map);
      RunOutcome outcome = WorkflowStub.fromTyped(run).getResult(RunOutcome.class);

      assertThat(outcome.state()).isEqualTo("completed");
      assertThat(sim.contact().snapshot().get("tags")).isEqualTo(List.of("three-years"));
      assertThat(((Map<?, ?>) sim.contact().snapshot().get("fields")).get("days")).isEqualTo(1095L);
      assertThat(sim.environment().currentTimeMillis())
          .isGreaterThanOrEqualTo(Instant.parse("2028-12-30T00:00:00Z").toEpochMilli());

      List<Integer> lengths =
          chainLengths(sim, WorkflowStub.fromTyped(run).getExecution().getWorkflowId());
      System.out.printf(
          "three-year daily loop: %d runs, history events per run %s%n", lengths.size(), lengths);
      assertThat(lengths.size()).as("continued as new").isGreaterThan(1);
      assertThat(lengths).allSatisfy(n -> assertThat(n).isLessThan(10_000));
    }
  }

  /** History lengths of every run in the chain, first to last. */
  static List<Integer> chainLengths(Simulator sim, String workflowId) {
    List<Integer> lengths = new ArrayList<>();
    WorkflowExecutionHistory history = sim.client().fetchHistory(workflowId);
    while (true) {
      lengths.addFirst(history.getEvents().size());
      var started = history.getEvents().getFirst().getWorkflowExecutionStartedEventAttributes();
      String previous = started.getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return lengths;
      }
      history = sim.client().fetchHistory(workflowId, previous);
      assertThat(history.getLastEvent().getEventType())
          .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    }
  }
}
