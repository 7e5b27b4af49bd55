package dev.automap.workers.routing;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.EventTrigger;
import dev.automap.definitions.model.SegmentTrigger;
import dev.automap.definitions.model.Trigger;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.automations.AutomationChanged;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active automations' triggers of each account, indexed by event type, so the cost of routing
 * an event does not grow with the number of automations that do not listen for it. Rebuilt when an
 * automation of the account changes here, and at most {@link #MAX_AGE} old when the change was made
 * by another process. A change is announced inside its transaction, so the index is forgotten then
 * and again once that transaction ends, and an index built while a change was under way is used
 * once but not kept: it may have been read from what was committed before the change.
 */
@Singleton
public class TriggerIndex {
  static final Duration MAX_AGE = Duration.ofSeconds(10);

  /** An active automation's event trigger. */
  public record EventEntry(String key, int version, AutomationMap map, EventTrigger trigger) {}

  /** An active automation's segment trigger. */
  public record SegmentEntry(String key, int version, AutomationMap map, SegmentTrigger trigger) {}

  /** What one account listens for. */
  public record AccountTriggers(
      Map<String, List<EventEntry>> byType,
      List<SegmentEntry> segments,
      Map<String, AutomationCatalog.Saved> active,
      long builtAt) {
    public List<EventEntry> forType(String type) {
      return byType.getOrDefault(type, List.of());
    }
  }

  private final AutomationCatalog catalog;
  private final TransactionOperations<Connection> transactions;
  private final Map<String, AccountTriggers> accounts = new ConcurrentHashMap<>();

  /** Changes heard so far: an index built while this moved is not kept. */
  private long changes;

  public TriggerIndex(AutomationCatalog catalog, TransactionOperations<Connection> transactions) {
    this.catalog = catalog;
    this.transactions = transactions;
  }

  public AccountTriggers of(String accountId) {
    AccountTriggers current = accounts.get(accountId);
    if (current == null || System.nanoTime() - current.builtAt() > MAX_AGE.toNanos()) {
      long seen;
      synchronized (accounts) {
        seen = changes;
      }
      current = build(accountId);
      synchronized (accounts) {
        if (changes == seen) {
          accounts.put(accountId, current);
        }
      }
    }
    return current;
  }

  @EventListener
  void onChanged(AutomationChanged changed) {
    forget(changed.accountId());
    transactions
        .findTransactionStatus()
        .ifPresent(
            status ->
                status.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public void afterCompletion(Status completed) {
                        forget(changed.accountId());
                      }
                    }));
  }

  private void forget(String accountId) {
    synchronized (accounts) {
      changes++;
      accounts.remove(accountId);
    }
  }

  /** Forgets every account's index (after changes made outside this process). */
  public void clear() {
    synchronized (accounts) {
      changes++;
      accounts.clear();
    }
  }

  private AccountTriggers build(String accountId) {
    Map<String, List<EventEntry>> byType = new HashMap<>();
    List<SegmentEntry> segments = new ArrayList<>();
    Map<String, AutomationCatalog.Saved> active = new HashMap<>();
    for (AutomationCatalog.Saved saved : catalog.activeMaps(accountId)) {
      active.put(saved.map().key(), saved);
      for (Trigger trigger : saved.map().triggers()) {
        switch (trigger) {
          case EventTrigger e ->
              byType
                  .computeIfAbsent(e.event(), t -> new ArrayList<>())
                  .add(new EventEntry(saved.map().key(), saved.version(), saved.map(), e));
          case SegmentTrigger s ->
              segments.add(new SegmentEntry(saved.map().key(), saved.version(), saved.map(), s));
          default -> {
            // schedule and date triggers run as their own durable workflows
          }
        }
      }
    }
    return new AccountTriggers(
        Map.copyOf(byType), List.copyOf(segments), Map.copyOf(active), System.nanoTime());
  }
}
