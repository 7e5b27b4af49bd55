package dev.automap.workers.run;

import dev.automap.workers.temporal.TemporalFactory;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;

/**
 * A time-skipping Temporal test service set up as the engine's own: converter, search attributes.
 */
public final class RunTestEnvironment {
  public static final String TASK_QUEUE = "automations";

  private RunTestEnvironment() {}

  public static TestWorkflowEnvironment create() {
    var options =
        TestEnvironmentOptions.newBuilder()
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(TemporalFactory.dataConverter())
                    .build())
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
    RunSearchAttributes.ALL.forEach(options::registerSearchAttribute);
    return TestWorkflowEnvironment.newInstance(options.build());
  }
}
