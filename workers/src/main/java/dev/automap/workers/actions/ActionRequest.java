package dev.automap.workers.actions;

/**
 * What every action activity receives besides its step config.
 *
 * @param idempotencyKey {@code <workflowId>/<runId>/<stepId>/<visit>}: an action whose key is
 *     already in the ledger changes nothing again, so retries and replays are safe
 */
public record ActionRequest(String idempotencyKey, String accountId, String contactId) {}
