package dev.automap.workers.routing;

import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.automations.AutomationDeactivated;
import dev.automap.workers.automations.AutomationPublished;
import dev.automap.workers.run.AutomationRun;
import dev.automap.workers.store.Automation;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Publishes, pauses or resumes an automation, and tells its triggers. Pausing or resuming: no new
 * enrollments while paused, and every running enrollment gets the {@code pause} or {@code resume}
 * signal, a page at a time.
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

  public AutomationSwitch(
      AutomationCatalog catalog,
      EnrollmentRepository enrollments,
      WorkflowClient client,
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

  /**
   * Publishes a copy of an older version as the new active version, then starts its triggers as a
   * publish does.
   */
  public AutomationCatalog.Saved rollback(String accountId, String key, int version) {
    AutomationCatalog.Saved published = catalog.rollback(accountId, key, version);
    events.publishEvent(new AutomationPublished(accountId, key, published.version()));
    return published;
  }

  /** Runs still live refuse an archive unless they are to be exited. */
  public static class RunsLive extends RuntimeException {
    public RunsLive(String message) {
      super(message);
    }
  }

  public Switched set(String accountId, String key, boolean pause) {
    Automation automation = catalog.setPaused(accountId, key, pause);
    events.publishEvent(
        pause
            ? new AutomationDeactivated(accountId, key)
            : new AutomationPublished(accountId, key, automation.activeVersion()));
    return new Switched(
        automation,
        signalRunning(
            accountId,
            key,
            pause ? run -> run.pause("automation " + key + " paused") : AutomationRun::resume));
  }

  /**
   * Archives an automation. With runs still live it refuses, unless {@code exitRunning}, which
   * exits each of them first.
   */
  public Switched archive(String accountId, String key, boolean exitRunning) {
    catalog.find(accountId, key);
    if (!exitRunning && !enrollments.runningIn(accountId, key, "", 1).isEmpty()) {
      throw new RunsLive("automation " + key + " has live runs: exit them with ?exitRunning=true");
    }
    Automation archived = catalog.archive(accountId, key);
    events.publishEvent(new AutomationDeactivated(accountId, key));
    // runs enrolled between the check and the archive are exited too when asked
    return new Switched(
        archived,
        exitRunning
            ? signalRunning(accountId, key, run -> run.exit("the automation was archived"))
            : 0);
  }

  private int signalRunning(String accountId, String key, Consumer<AutomationRun> signal) {
    int signaled = 0;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      String after = "";
      while (true) {
        List<Enrollment> page = enrollments.runningIn(accountId, key, after, PAGE);
        List<Future<Boolean>> sent = new ArrayList<>();
        for (Enrollment e : page) {
          sent.add(
              pool.submit(
                  () -> {
                    try {
                      signal.accept(client.newWorkflowStub(AutomationRun.class, e.workflowId()));
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
            throw new IllegalStateException(
                "signalling " + signal + " failed: " + ex.getMessage(), ex);
          }
        }
        if (page.size() < PAGE) {
          break;
        }
        after = page.getLast().workflowId();
      }
    }
    return signaled;
  }
}
