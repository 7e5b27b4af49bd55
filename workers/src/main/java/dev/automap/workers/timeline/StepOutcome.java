package dev.automap.workers.timeline;

import java.time.Instant;

/**
 * What one visit of a step did to a contact.
 *
 * @param idempotencyKey the step visit's key, {@code <workflowId>/<runId>/<stepId>/<visit>} (the
 *     action key, for action steps): one entry per key
 * @param automationKey null outside an automation (an action performed directly)
 * @param type the step type, e.g. {@code add_tags}, {@code wait}
 * @param outcome {@code done unchanged skipped suppressed failed}, or what a flow step decided
 * @param detail in words, for people
 */
public record StepOutcome(
    String idempotencyKey,
    String accountId,
    String contactId,
    String automationKey,
    String stepId,
    String type,
    String outcome,
    String detail,
    Instant at) {

  /** The workflow ID the key starts with. */
  public String workflowId() {
    int slash = idempotencyKey.indexOf('/');
    return slash < 0 ? idempotencyKey : idempotencyKey.substring(0, slash);
  }
}
