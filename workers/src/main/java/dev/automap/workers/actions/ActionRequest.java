package dev.automap.workers.actions;

import dev.automap.workers.events.EventSource;
import dev.automap.workers.messages.MessageOrigin;
import java.util.Map;

/**
 * What every action activity receives besides its step config. Holds ids and the run's own values,
 * never contact data: handlers read the contact from the store.
 *
 * @param idempotencyKey {@code <workflowId>/<runId>/<stepId>/<visit>}: an action whose key is
 *     already in the ledger changes nothing again, so retries and replays are safe
 * @param vars the run's {@code vars}, for templates and {@code saveAs}
 * @param event the event the run was started by or last matched, for {@code event.*} in templates;
 *     may be null
 */
public record ActionRequest(
    String idempotencyKey,
    String accountId,
    String contactId,
    String automationKey,
    String stepId,
    Map<String, Object> vars,
    Map<String, Object> event)
    implements MessageOrigin {

  public ActionRequest {
    vars = vars == null ? Map.of() : vars;
  }

  /** The workflow ID the key starts with: the run the action belongs to. */
  @Override
  public String workflowId() {
    int slash = idempotencyKey.indexOf('/');
    return slash < 0 ? idempotencyKey : idempotencyKey.substring(0, slash);
  }

  /** The step, as named by the request or else by the key's third part. */
  @Override
  public String stepName() {
    if (stepId != null) {
      return stepId;
    }
    String[] parts = idempotencyKey.split("/", 4);
    return parts.length >= 3 ? parts[2] : idempotencyKey;
  }

  /** What the events of this action name as their cause: the run and the step. */
  @Override
  public EventSource source() {
    return EventSource.step(workflowId(), stepName());
  }

  /** A request outside any run (tests, the API). */
  public static ActionRequest of(String idempotencyKey, String accountId, String contactId) {
    return new ActionRequest(idempotencyKey, accountId, contactId, null, null, Map.of(), null);
  }
}
