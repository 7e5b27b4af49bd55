package dev.automap.workers.triggers;

import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.automations.AutomationDeactivated;
import dev.automap.workers.automations.AutomationPublished;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Starts and stops trigger workflows as automations are published and deactivated. */
@Singleton
public class TriggerActivation {
  private final AutomationCatalog catalog;
  private final TriggerScheduler scheduler;

  public TriggerActivation(AutomationCatalog catalog, TriggerScheduler scheduler) {
    this.catalog = catalog;
    this.scheduler = scheduler;
  }

  /**
   * Runs in the publisher's thread: a failure reaches the publisher, and publishing again repairs
   * it.
   */
  @EventListener
  public void onPublished(AutomationPublished event) {
    var automation = catalog.find(event.accountId(), event.automationKey());
    scheduler.activate(
        event.accountId(),
        event.automationKey(),
        event.version(),
        catalog.load(automation, event.version()));
  }

  @EventListener
  public void onDeactivated(AutomationDeactivated event) {
    scheduler.deactivate(event.accountId(), event.automationKey());
  }
}
