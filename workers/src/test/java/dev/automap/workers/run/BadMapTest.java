package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.validation.MapValidator;
import dev.automap.workers.preview.Simulator;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Maps the validator refuses, run anyway (as if they had slipped past it): the run fails at once
 * with a non-retryable failure naming the step, instead of completing quietly or retrying its
 * workflow task for ever.
 */
class BadMapTest {
  Simulator sim =
      new Simulator(Map.of("id", "c_1"), Instant.parse("2026-03-02T12:00:00Z"), Map.of());

  @AfterEach
  void close() {
    sim.close();
  }

  /** The map as parsed, checked to be one the validator refuses. */
  static AutomationMap refused(String yaml) {
    var parsed = MapJson.parse(yaml);
    assertThat(parsed.problems()).as("parse").isEmpty();
    assertThat(new MapValidator().validate(parsed.map())).as("refused").isNotEmpty();
    return parsed.map();
  }

  ApplicationFailure failureOf(AutomationRun run) {
    Throwable thrown =
        catchThrowable(
            () -> WorkflowStub.fromTyped(run).getResult(30, TimeUnit.SECONDS, RunOutcome.class));
    assertThat(thrown).isInstanceOf(WorkflowFailedException.class);
    assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown.getCause();
    assertThat(failure.getType()).isEqualTo("BadMap");
    assertThat(failure.isNonRetryable()).isTrue();
    return failure;
  }

  @Test
  void aNextThatNamesNoStepFailsTheRunNamingIt() {
    AutomationMap map =
        refused(
            """
            key: lost
            start: tag
            steps:
              - {id: tag, type: add_tags, tags: [a], next: nowhere}
            """);
    ApplicationFailure failure = failureOf(sim.start(map));
    assertThat(failure.getOriginalMessage()).contains("\"nowhere\"").contains("no such step");
    assertThat(sim.contact().snapshot().get("tags")).isEqualTo(List.of("a"));
  }

  @Test
  void aWaitWithoutASingleFormFailsTheRunNamingIt() {
    AutomationMap map =
        refused(
            """
            key: twoforms
            start: w
            steps:
              - {id: w, type: wait, duration: PT1H, until: "2026-04-01T00:00:00Z", next: t}
              - {id: t, type: add_tags, tags: [a]}
            """);
    ApplicationFailure failure = failureOf(sim.start(map));
    assertThat(failure.getOriginalMessage()).contains("\"w\"").contains("exactly one form");
    assertThat(sim.contact().snapshot().get("tags")).isEqualTo(List.of());
  }

  @Test
  void aPathParkedInsideAStepThatCannotWaitFailsTheRunNamingIt() {
    AutomationMap map =
        MapJson.parse(
                """
                key: parked
                start: t
                steps:
                  - {id: t, type: add_tags, tags: [a]}
                """)
            .map();
    RunMemory memory =
        new RunMemory(
            List.of(RunMemory.Position.inside("t", null)),
            Map.of(),
            Map.of(),
            List.of(),
            null,
            List.of(),
            List.of(),
            false,
            0);
    RunInput input =
        RunInput.of(Simulator.ACCOUNT, map.key(), 1, "c_1", map, null).withMemory(memory);
    ApplicationFailure failure = failureOf(sim.start(map, input));
    assertThat(failure.getOriginalMessage()).contains("\"t\"").contains("cannot resume inside");
  }
}
