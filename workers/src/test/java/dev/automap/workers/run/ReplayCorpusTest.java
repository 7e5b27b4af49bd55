package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every recorded history in {@code src/test/resources/histories} against today's
 * interpreter: a change that would break a run already in flight fails here. New histories come
 * from the scenario tests ({@code target/recorded-histories}).
 */
class ReplayCorpusTest {

  @Test
  void everyRecordedHistoryReplays() throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("src/test/resources/histories"))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("the corpus is not empty").isNotEmpty();
    List<WorkflowExecutionHistory> histories = files.stream().map(ReplayCorpusTest::read).toList();

    try (var env = RunTestEnvironment.create()) {
      // a replay that waits on a loaded machine is not a deadlock: the SDK's 1 s detector is for
      // workflow code that blocks, and every history here is replayed to its end regardless
      var worker =
          env.newWorker(
              "replay",
              io.temporal.worker.WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(60_000)
                  .build());
      worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
      var results = WorkflowReplayer.replayWorkflowExecutions(histories, false, worker);
      assertThat(results.allErrors())
          .as("replay failures")
          .extracting(e -> e.workflowId + ": " + e.exception)
          .isEmpty();
    }
  }

  private static WorkflowExecutionHistory read(Path file) {
    try {
      return WorkflowExecutionHistory.fromJson(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
  }
}
