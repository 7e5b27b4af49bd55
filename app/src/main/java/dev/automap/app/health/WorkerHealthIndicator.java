package dev.automap.app.health;

import dev.automap.workers.AutomationWorker;
import dev.automap.workers.temporal.TemporalConfig;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reports whether a worker polls the task queue: {@code UP} when Temporal saw a poll for workflow
 * tasks within {@code automap.health.worker-window} (a minute), wherever the worker runs (in this
 * app or in a worker process beside it). The details name the pollers and when each last polled.
 */
@Singleton
public class WorkerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  private static final Duration DEADLINE = Duration.ofSeconds(3);

  private final WorkflowServiceStubs stubs;
  private final TemporalConfig config;
  private final Duration window;
  private final BeanProvider<AutomationWorker> localWorker;

  public WorkerHealthIndicator(
      WorkflowServiceStubs stubs,
      TemporalConfig config,
      @Value("${automap.health.worker-window:PT1M}") Duration window,
      BeanProvider<AutomationWorker> localWorker) {
    this.stubs = stubs;
    this.config = config;
    this.window = window;
    this.localWorker = localWorker;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("taskQueue", config.taskQueue());
    info.put("window", window.toString());
    try {
      Instant since = Instant.now().minus(window);
      List<Map<String, Object>> workflow = pollers(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, since);
      List<Map<String, Object>> activity = pollers(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY, since);
      boolean polling = workflow.stream().anyMatch(p -> Boolean.TRUE.equals(p.get("recent")));
      healthStatus = polling ? HealthStatus.UP : HealthStatus.DOWN;
      info.put("workflowPollers", workflow);
      info.put("activityPollers", activity);
      if (!polling) {
        info.put(
            "error",
            "no worker polled task queue '"
                + config.taskQueue()
                + "' within "
                + window.toSeconds()
                + " s: start a worker (AUTOMAP_WORKER_ENABLED=true, or the workers jar)");
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        // the in-memory service names no pollers: the worker in this process is what polls it
        boolean polling = localWorker.isPresent() && localWorker.get().polling();
        healthStatus = polling ? HealthStatus.UP : HealthStatus.DOWN;
        info.put(
            "note",
            "this Temporal service does not describe task queues: "
                + (polling ? "the worker in this process polls" : "no worker in this process"));
      } else {
        healthStatus = HealthStatus.DOWN;
        info.put("error", "Temporal did not describe the task queue: " + e.getMessage());
      }
    } catch (RuntimeException e) {
      healthStatus = HealthStatus.DOWN;
      info.put("error", "Temporal did not describe the task queue: " + e.getMessage());
    }
    return info;
  }

  private List<Map<String, Object>> pollers(TaskQueueType type, Instant since) {
    var response =
        stubs
            .blockingStub()
            .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
            .describeTaskQueue(
                DescribeTaskQueueRequest.newBuilder()
                    .setNamespace(config.namespace())
                    .setTaskQueue(TaskQueue.newBuilder().setName(config.taskQueue()).build())
                    .setTaskQueueType(type)
                    .build());
    List<Map<String, Object>> pollers = new ArrayList<>();
    for (PollerInfo poller : response.getPollersList()) {
      Instant last =
          Instant.ofEpochSecond(
              poller.getLastAccessTime().getSeconds(), poller.getLastAccessTime().getNanos());
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("identity", poller.getIdentity());
      shown.put("lastPolled", last.toString());
      shown.put("recent", !last.isBefore(since));
      pollers.add(shown);
    }
    return pollers;
  }

  @Override
  protected String getName() {
    return "worker";
  }
}
