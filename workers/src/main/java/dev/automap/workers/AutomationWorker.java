package dev.automap.workers;

import dev.automap.workers.actions.ActionDispatcher;
import dev.automap.workers.run.AutomationRunImpl;
import dev.automap.workers.run.RunActivities;
import dev.automap.workers.run.RunSearchAttributes;
import dev.automap.workers.temporal.TemporalConfig;
import dev.automap.workers.triggers.Triggers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: registers the {@code AutomationRun} workflow type and the action activity instances
 * on the task queue and starts polling. Off with {@code automap.worker.enabled=false} (an API-only
 * app beside separate worker processes).
 */
@Context
@Requires(property = "automap.worker.enabled", notEquals = "false")
public class AutomationWorker {
  private static final Logger LOG = LoggerFactory.getLogger(AutomationWorker.class);

  private final WorkflowClient client;
  private final OperatorServiceStubs operator;
  private final TemporalConfig config;
  private final ActionDispatcher actions;
  private final List<Object> activities;
  private WorkerFactory factory;

  public AutomationWorker(
      WorkflowClient client,
      OperatorServiceStubs operator,
      TemporalConfig config,
      ActionDispatcher actions,
      List<RunActivities> activities) {
    this.client = client;
    this.operator = operator;
    this.config = config;
    this.actions = actions;
    this.activities = List.copyOf(activities);
  }

  @PostConstruct
  void start() {
    registerSearchAttributes(operator, config.namespace());
    factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
    var worker =
        factory.newWorker(
            config.taskQueue(),
            WorkerOptions.newBuilder().setUsingVirtualThreadsOnActivityWorker(true).build());
    worker.registerWorkflowImplementationTypes(AutomationRunImpl.class);
    worker.registerWorkflowImplementationTypes(
        dev.automap.workers.bulk.BulkEnrollmentRunImpl.class);
    worker.registerWorkflowImplementationTypes(Triggers.WORKFLOW_TYPES.toArray(Class<?>[]::new));
    worker.registerActivitiesImplementations(actions);
    worker.registerActivitiesImplementations(activities.toArray());
    factory.start();
    LOG.info(
        "Worker polling task queue '{}' on {} (namespace {})",
        config.taskQueue(),
        config.address(),
        config.namespace());
  }

  /**
   * Adds the engine's search attributes the namespace lacks. Where the server refuses (a cloud
   * namespace, missing permission) it says what to run instead and goes on.
   */
  public static void registerSearchAttributes(OperatorServiceStubs operator, String namespace) {
    List<String> refused = new ArrayList<>();
    RunSearchAttributes.ALL.forEach(
        (name, type) -> {
          try {
            operator
                .blockingStub()
                .addSearchAttributes(
                    AddSearchAttributesRequest.newBuilder()
                        .setNamespace(namespace)
                        .putSearchAttributes(name, type)
                        .build());
            LOG.info("Registered search attribute {} on namespace {}", name, namespace);
          } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS
                && !String.valueOf(e.getStatus().getDescription()).contains("already")) {
              refused.add(name + " (" + e.getStatus().getCode() + ")");
            }
          }
        });
    if (!refused.isEmpty()) {
      LOG.warn(
          "Could not register search attributes {} on namespace {}. Register them with:\n"
              + "  temporal operator search-attribute create --namespace {} "
              + "--name AccountId --type Keyword --name AutomationKey --type Keyword "
              + "--name AutomationVersion --type Int --name ContactId --type Keyword "
              + "--name CurrentStep --type Keyword --name RunState --type Keyword",
          refused,
          namespace,
          namespace);
    }
  }

  /** Whether this process's worker has started polling and not been shut down. */
  public boolean polling() {
    return factory != null && factory.isStarted() && !factory.isShutdown();
  }

  @PreDestroy
  void stop() {
    if (factory != null) {
      factory.shutdown();
    }
  }
}
