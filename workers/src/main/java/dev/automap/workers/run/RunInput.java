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
 * @param history the history version the run records, {@link #HISTORY} for every run started or
 *     continued now; null in runs recorded before it, which ask {@code Workflow.getVersion} as they
 *     did (see {@link RunScope#start})
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
    Integer historyLimit,
    Integer history) {

  public static final int DEFAULT_HISTORY_LIMIT = 2_000;

  /**
   * The history version of runs started or continued now. 1: lean (as {@code lean-history} 1 and
   * every change before it) without asking for it through a version marker. 2: a branch right after
   * an action is judged by the action's activity ({@link BranchAhead}), no local activity of its
   * own.
   */
  public static final int HISTORY = 2;

  public static RunInput of(
      String accountId,
      String automationKey,
      int version,
      String contactId,
      AutomationMap map,
      Map<String, Object> event) {
    return new RunInput(
        accountId, automationKey, version, contactId, map, event, null, null, null, HISTORY);
  }

  public RunInput notifying(String workflowId) {
    return new RunInput(
        accountId,
        automationKey,
        version,
        contactId,
        map,
        event,
        workflowId,
        memory,
        historyLimit,
        history);
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
        historyLimit,
        HISTORY);
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
        historyLimit,
        HISTORY);
  }

  public RunInput withHistoryLimit(int limit) {
    return new RunInput(
        accountId,
        automationKey,
        version,
        contactId,
        map,
        event,
        notifyWorkflowId,
        memory,
        limit,
        history);
  }

  /** Whether the run records history version {@code v} or a newer one (null: before any). */
  public boolean records(int v) {
    return history != null && history >= v;
  }

  public int historyLimitOrDefault() {
    return historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
  }
}
