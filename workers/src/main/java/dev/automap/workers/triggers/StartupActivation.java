package dev.automap.workers.triggers;

import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.enrollment.EnrollmentState;
import dev.automap.workers.routing.EventRouter;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import dev.automap.workers.temporal.TemporalConfig;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, three repairs. With a Temporal service of the app's own (the dev server or the
 * in-memory one), runs the table still calls running but the service no longer knows (an in-memory
 * service keeps nothing across a restart; a dev server's file may be new) are recorded as lost, so
 * they neither block new runs nor wait for events (a map with {@code reenroll: never} still counts
 * them as enrolled). The schedule and date triggers of every active automation are (re)started, a
 * no-op where their workflows still run. Events a stopped process stored but never routed are
 * routed.
 */
@Singleton
@Requires(property = "automap.worker.enabled", notEquals = "false")
public class StartupActivation {
  private static final Logger LOG = LoggerFactory.getLogger(StartupActivation.class);

  private final AccountRepository accounts;
  private final AutomationCatalog catalog;
  private final TriggerScheduler scheduler;
  private final EnrollmentRepository enrollments;
  private final dev.automap.workers.enrollment.EnrollmentService enrollmentService;
  private final TemporalConfig temporal;
  private final WorkflowClient client;
  private final EventRouter router;

  public StartupActivation(
      AccountRepository accounts,
      AutomationCatalog catalog,
      TriggerScheduler scheduler,
      EnrollmentRepository enrollments,
      dev.automap.workers.enrollment.EnrollmentService enrollmentService,
      TemporalConfig temporal,
      WorkflowClient client,
      EventRouter router) {
    this.client = client;
    this.router = router;
    this.accounts = accounts;
    this.catalog = catalog;
    this.scheduler = scheduler;
    this.enrollments = enrollments;
    this.enrollmentService = enrollmentService;
    this.temporal = temporal;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (temporal.embedded()) {
      int lost = 0;
      for (Enrollment running : enrollments.findByState(EnrollmentState.RUNNING.wire())) {
        try {
          client.newUntypedWorkflowStub(running.workflowId()).describe();
        } catch (WorkflowNotFoundException e) {
          enrollmentService.recordGone(
              running,
              EnrollmentState.LOST.wire(),
              temporal.inMemory()
                  ? "the in-memory Temporal service was restarted"
                  : "the Temporal dev server does not know the run (its data file was replaced)");
          lost++;
        }
      }
      if (lost > 0) {
        LOG.warn("{} runs were lost with the previous {} Temporal service", lost, temporal.mode());
      }
    }
    int activated = 0;
    for (Account account : accounts.findAll()) {
      for (AutomationCatalog.Saved saved : catalog.activeMaps(account.id())) {
        try {
          scheduler.activate(account.id(), saved.map().key(), saved.version(), saved.map());
          activated++;
        } catch (RuntimeException e) {
          LOG.warn(
              "could not start the triggers of {}/{}: {}",
              account.id(),
              saved.map().key(),
              e.getMessage());
        }
      }
    }
    LOG.info("Triggers of {} active automations started", activated);
    int recovered = router.recover();
    if (recovered > 0) {
      LOG.warn("{} events stored but not routed before the last stop were routed now", recovered);
    }
  }
}
