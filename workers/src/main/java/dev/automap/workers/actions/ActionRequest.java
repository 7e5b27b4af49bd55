package dev.automap.workers.actions;

import java.util.Map;

/**
 * What every action activity receives besides its step config. Holds ids and the run's own
 * values, never contact data: handlers read the contact from the store.
 *
 * @param idempotencyKey {@code <workflowId>/<runId>/<stepId>/<visit>}: an action whose key is
 *     already in the ledger changes nothing again, so retries and replays are safe
 * @param vars the run's {@code vars}, for templates and {@code saveAs}
 * @param event the event the run was started by or last matched, for {@code event.*} in
 *     templates; may be null
 */
public record ActionRequest(
    String idempotencyKey,
    String accountId,
    String contactId,
    String automationKey,
    String stepId,
    Map<String, Object> vars,
    Map<String, Object> event) {

  public ActionRequest {
    vars = vars == null ? Map.of() : vars;
  }

  /** A request outside any run (tests, the API). */
  public static ActionRequest of(String idempotencyKey, String accountId, String contactId) {
    return new ActionRequest(idempotencyKey, accountId, contactId, null, null, Map.of(), null);
  }
}
