package dev.automap.workers.triggers;

import dev.automap.workers.temporal.TemporalFactory;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Instant;

/**
 * A time-skipping test service starting at a given instant, with the trigger workflows registered.
 */
final class TriggerTestEnvironment {
  static final String TASK_QUEUE = "automations";

  private TriggerTestEnvironment() {}

  static TestWorkflowEnvironment start(Instant at, Object... activities) {
    var env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(TemporalFactory.dataConverter())
                        .build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build())
                .setInitialTime(at)
                .build());
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(Triggers.WORKFLOW_TYPES.toArray(Class<?>[]::new));
    worker.registerActivitiesImplementations(activities);
    env.start();
    return env;
  }
}
