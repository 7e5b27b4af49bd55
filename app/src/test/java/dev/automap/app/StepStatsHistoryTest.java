package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.enrollment.EngineActivitiesImpl;
import dev.automap.workers.timeline.StepCounters;
import dev.automap.workers.timeline.StepMarks;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Step stats of runs whose end's local activity tells the last marks: each counts once. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepStatsHistoryTest extends ApiTestSupport {
  @Inject EngineActivitiesImpl engine;
  @Inject StepCounters counters;

  @Test
  void theEndsMarksToldTwiceCountOnce() {
    String key = SteeringApiTest.unique("end-twice");
    String workflowId = "default:" + key + ":c_end";
    StepMarks marks =
        new StepMarks(
            "default",
            "c_end",
            workflowId,
            key,
            1,
            List.of(
                new StepMarks.Mark(
                    workflowId + "/r/done/1/in",
                    "done",
                    "end",
                    StepMarks.ENTER,
                    null,
                    null,
                    true,
                    null,
                    Instant.now()),
                new StepMarks.Mark(
                    workflowId + "/r/done/1/out",
                    "done",
                    "end",
                    StepMarks.LEAVE,
                    "completed",
                    null,
                    false,
                    "reached done",
                    Instant.now())));

    engine.finish(workflowId, "completed", null, Instant.now(), marks);
    engine.finish(workflowId, "completed", null, Instant.now(), marks);

    assertThat(counters.of("default", key, 1).get("done"))
        .as("a retried finish counts its marks once")
        .containsEntry("entered", 1L)
        .containsEntry("completed", 1L)
        .containsEntry("active", 0L);
  }
}
