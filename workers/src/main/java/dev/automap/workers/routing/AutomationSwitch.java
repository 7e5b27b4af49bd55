package dev.automap.workers.routing;

import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.triggers.AutomationDeactivated;
import dev.automap.workers.triggers.AutomationPublished;
import io.micronaut.context.event.ApplicationEventPublisher;
import dev.automap.workers.store.Automation;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Publishes, pauses or resumes an automation, and tells its triggers. Pausing or resuming: no new enrollments while paused, and every running
 * enrollment gets the {@code pause} or {@code resume} signal, a page at a time.
 */
@Singleton
public class AutomationSwitch {
  static final int PAGE = 200;

  /** The automation as it now is, and how many runs were signalled. */
  public record Switched(Automation automation, int signaled) {}

  private final AutomationCatalog catalog;
  private final EnrollmentRepository enrollments;
  private final WorkflowClient client;
  private final ApplicationEventPublisher<Object> events;

  public AutomationSwitch(AutomationCatalog catalog, EnrollmentRepository enrollments, WorkflowClient client,
      ApplicationEventPublisher<Object> events) {
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.client = client;
    this.events = events;
  }

  /**
   * Publishes the latest version, then (once it is committed) starts its schedule and date
   * triggers.
   */
  public AutomationCatalog.Saved publish(String accountId, String key) {
    AutomationCatalog.Saved published = catalog.publish(accountId, key);
    events.publishEvent(new AutomationPublished(accountId, key, published.version()));
    return published;
  }

  public Switched set(String accountId, String key, boolean pause) {
    Automation automation = catalog.setPaused(accountId, key, pause);
    events.publishEvent(pause
        ? new AutomationDeactivated(accountId, key)
        : new AutomationPublished(accountId, key, automation.activeVersion()));
    String signal = pause ? "pause" : "resume";
    int signaled = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int offset = 0; ; offset += PAGE) {
        List<Enrollment> page = enrollments.runningIn(accountId, key, PAGE, offset);
        List<Future<Boolean>> sent = new ArrayList<>();
        for (Enrollment e : page) {
          sent.add(pool.submit(() -> {
            try {
              client.newUntypedWorkflowStub(e.workflowId()).signal(signal);
              return true;
            } catch (WorkflowNotFoundException gone) {
              return false;
            }
          }));
        }
        for (Future<Boolean> f : sent) {
          try {
            signaled += f.get() ? 1 : 0;
          } catch (Exception ex) {
            throw new IllegalStateException("signalling " + signal + " failed: " + ex.getMessage(), ex);
          }
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    }
    return new Switched(automation, signaled);
  }
}
