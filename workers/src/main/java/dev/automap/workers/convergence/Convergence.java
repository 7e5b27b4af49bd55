package dev.automap.workers.convergence;

import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.enrollment.EnrollmentState;
import dev.automap.workers.routing.EventRouter;
import dev.automap.workers.run.RunOutcome;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the store back in line with what happened, in every process (app and workers), every few
 * seconds:
 *
 * <ul>
 *   <li>events stored but never routed (the process that stored them stopped, or routing failed)
 *       are routed once their routing time has passed ({@link EventRouter#recover});
 *   <li>enrollments still called {@code running} whose run Temporal has closed (the run could not
 *       record its end: the database was away for longer than it retried) are recorded as the run
 *       ended: {@code completed} or {@code exited} from its result, {@code failed} when it failed,
 *       was terminated or timed out.
 * </ul>
 *
 * Each pass looks at a page of running enrollments and goes on from there at the next, so every row
 * is looked at in turn however many runs wait.
 */
@Singleton
@Requires(property = "automap.convergence.enabled", notEquals = "false")
public class Convergence {
  private static final Logger LOG = LoggerFactory.getLogger(Convergence.class);
  private static final int PAGE = 100;

  /** Rows younger than this are left alone: their run may be starting or ending right now. */
  static final Duration SETTLING = Duration.ofSeconds(20);

  private final EventRouter router;
  private final EnrollmentRepository enrollments;
  private final EnrollmentService enrollmentService;
  private final WorkflowClient client;
  private final Duration every;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "automap-convergence");
            thread.setDaemon(true);
            return thread;
          });
  private String after = "";

  public Convergence(
      EventRouter router,
      EnrollmentRepository enrollments,
      EnrollmentService enrollmentService,
      WorkflowClient client,
      @Value("${automap.convergence.every:5s}") Duration every) {
    this.router = router;
    this.enrollments = enrollments;
    this.enrollmentService = enrollmentService;
    this.client = client;
    this.every = every;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    scheduler.scheduleWithFixedDelay(
        this::pass, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }

  private void pass() {
    try {
      int routed = router.recover();
      if (routed > 0) {
        LOG.warn("{} events stored but not routed were routed now", routed);
      }
    } catch (RuntimeException e) {
      LOG.warn("routing stored events failed (tried again in {}): {}", every, e.getMessage());
    }
    try {
      int recorded = reconcile();
      if (recorded > 0) {
        LOG.warn("{} enrollments recorded as their closed runs ended", recorded);
      }
    } catch (RuntimeException e) {
      LOG.warn("reconciling enrollments failed (tried again in {}): {}", every, e.getMessage());
    }
  }

  /**
   * Looks at the next page of enrollments called running and records the end of those whose run
   * Temporal has closed.
   *
   * @return how many were recorded
   */
  public int reconcile() {
    List<Enrollment> page = enrollments.runningBefore(Instant.now().minus(SETTLING), after, PAGE);
    after = page.size() < PAGE ? "" : page.getLast().workflowId();
    int recorded = 0;
    for (Enrollment row : page) {
      if (reconcile(row)) {
        recorded++;
      }
    }
    return recorded;
  }

  /** Records the end of this row's run when Temporal has closed it; false when it is live. */
  boolean reconcile(Enrollment row) {
    var stub = client.newUntypedWorkflowStub(row.workflowId());
    io.temporal.api.workflow.v1.WorkflowExecutionInfo info;
    try {
      info = stub.describe().getWorkflowExecutionInfo();
    } catch (WorkflowNotFoundException e) {
      return false; // not (or no longer) known to this Temporal service
    }
    WorkflowExecutionStatus status = info.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
      return false;
    }
    Instant closed =
        info.hasCloseTime()
            ? Instant.ofEpochSecond(
                info.getCloseTime().getSeconds(), info.getCloseTime().getNanos())
            : Instant.now();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      Optional<RunOutcome> outcome = outcome(stub);
      String state = outcome.map(RunOutcome::state).orElse(EnrollmentState.COMPLETED.wire());
      enrollmentService.finish(
          row.workflowId(), state, outcome.map(RunOutcome::reason).orElse(null), closed);
      return true;
    }
    String how = status.name().substring("WORKFLOW_EXECUTION_STATUS_".length()).toLowerCase();
    return enrollments.finish(
            row.workflowId(), EnrollmentState.FAILED.wire(), closed, "the run " + how)
        > 0;
  }

  private static Optional<RunOutcome> outcome(io.temporal.client.WorkflowStub stub) {
    try {
      return Optional.ofNullable(stub.getResult(5, TimeUnit.SECONDS, RunOutcome.class));
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
