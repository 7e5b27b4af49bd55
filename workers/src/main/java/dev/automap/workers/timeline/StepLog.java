package dev.automap.workers.timeline;

import dev.automap.workers.store.StepLogEntry;
import dev.automap.workers.store.StepLogRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * The log of what steps did to contacts: the contact timeline's steps and the per-step stats.
 * Action handlers write their entry in the transaction of their change; the interpreter records
 * flow steps (and actions that failed for good) through {@link #record}.
 */
@Singleton
public class StepLog {
  private final StepLogRepository entries;

  public StepLog(StepLogRepository entries) {
    this.entries = entries;
  }

  /**
   * Records a step's outcome once: a second record with the same key (a retry, a replay) is
   * ignored, and the first stays.
   *
   * @return true when this call recorded it
   */
  public boolean record(StepOutcome outcome) {
    return entries.insert(
            outcome.idempotencyKey(),
            outcome.accountId(),
            outcome.contactId(),
            outcome.workflowId(),
            outcome.automationKey(),
            outcome.stepId(),
            outcome.type(),
            outcome.outcome(),
            outcome.detail(),
            outcome.at() == null ? Instant.now() : outcome.at())
        == 1;
  }

  /** The contact's latest entries, newest first. */
  public List<StepLogEntry> latestOf(String accountId, String contactId, int limit) {
    return entries.latestOf(accountId, contactId, limit);
  }
}
