package dev.automap.workers.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.definitions.model.AutomationMap;
import java.util.Map;

/**
 * What a run is pinned to: account, automation key and version, contact. The map itself travels
 * with the input so a run never changes version under its feet.
 *
 * @param event the event that enrolled the contact ({@code event.*}), or null
 * @param notifyWorkflowId a run to signal {@code automation.completed|exited} when this one ends
 *     (an {@code enroll} step with {@code wait: true}), or null
 * @param memory where the previous run of this chain left off, after a continue-as-new; null for a
 *     new enrollment
 * @param historyLimit continue as new once history passes this many events (default 2,000)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInput(
    String accountId,
    String automationKey,
    int version,
    String contactId,
    AutomationMap map,
    Map<String, Object> event,
    String notifyWorkflowId,
    RunMemory memory,
    Integer historyLimit) {

  public static final int DEFAULT_HISTORY_LIMIT = 2_000;

  public static RunInput of(
      String accountId,
      String automationKey,
      int version,
      String contactId,
      AutomationMap map,
      Map<String, Object> event) {
    return new RunInput(accountId, automationKey, version, contactId, map, event, null, null, null);
  }

  public RunInput notifying(String workflowId) {
    return new RunInput(
        accountId, automationKey, version, contactId, map, event, workflowId, memory, historyLimit);
  }

  public RunInput withMemory(RunMemory carried) {
    return new RunInput(
        accountId,
        automationKey,
        version,
        contactId,
        map,
        event,
        notifyWorkflowId,
        carried,
        historyLimit);
  }

  /** The run as it goes on after a migration: pinned to {@code newVersion} and its map. */
  public RunInput migratedTo(int newVersion, AutomationMap newMap) {
    return new RunInput(
        accountId,
        automationKey,
        newVersion,
        contactId,
        newMap,
        event,
        notifyWorkflowId,
        memory,
        historyLimit);
  }

  public RunInput withHistoryLimit(int limit) {
    return new RunInput(
        accountId, automationKey, version, contactId, map, event, notifyWorkflowId, memory, limit);
  }

  public int historyLimitOrDefault() {
    return historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
  }
}
