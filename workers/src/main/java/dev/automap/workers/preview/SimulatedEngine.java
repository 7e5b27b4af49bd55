package dev.automap.workers.preview;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.workers.run.EngineActivities;
import dev.automap.workers.store.DripBatches;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine as a preview sees it: drip batches kept in memory (the same rule as the store);
 * enrollments in other automations start runs on the same test service when the preview was given
 * those maps, and are refused otherwise.
 */
public final class SimulatedEngine
    implements EngineActivities, dev.automap.workers.actions.AfterAction.Ender {
  /** Starts a run of another automation for the contact; returns its workflow ID, or null. */
  public interface Starter {
    String start(
        String automationKey, String contactId, String notifyWorkflowId, Map<String, Object> event);
  }

  private volatile Starter starter;

  private final Map<String, DripBatches.Batch> batches = new HashMap<>();
  private final Map<String, Instant> reservations = new ConcurrentHashMap<>();

  @Override
  public Enrolled enroll(
      String key,
      String accountId,
      String automationKey,
      String contactId,
      String notifyWorkflowId,
      Map<String, Object> event) {
    Starter current = starter;
    String started =
        current == null ? null : current.start(automationKey, contactId, notifyWorkflowId, event);
    return started == null
        ? new Enrolled(null, "the preview was not given automation " + automationKey)
        : new Enrolled(started, null);
  }

  void starter(Starter starter) {
    this.starter = starter;
  }

  @Override
  public void finish(
      String workflowId,
      String state,
      String reason,
      Instant endedAt,
      dev.automap.workers.timeline.StepMarks marks) {
    // a preview keeps no enrollments
    ends.add(state + ": " + reason);
  }

  /** Who claimed each end by its last action's key ({@code engine.end} or {@code engine.hold}). */
  private final Map<String, String> endClaims = new ConcurrentHashMap<>();

  /**
   * The ends recorded, {@code <state>: <reason>}, by the run's local activity or its last action.
   */
  public final java.util.List<String> ends = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public boolean endAfter(
      dev.automap.workers.actions.ActionRequest request,
      dev.automap.workers.actions.AfterAction.End end,
      dev.automap.workers.timeline.StepMarks marks) {
    String who = endClaims.putIfAbsent(request.idempotencyKey(), "engine.end");
    if (who != null && !who.equals("engine.end")) {
      return false;
    }
    if (who == null) {
      ends.add(end.state() + ": " + end.reason());
    }
    return true;
  }

  @Override
  public void holdEnd(String actionKey, String accountId, String contactId) {
    endClaims.putIfAbsent(actionKey, "engine.hold");
  }

  @Override
  public void goalMet(String workflowId, String runId, String goalStepId) {
    // the goal shows in the preview's timeline
  }

  @Override
  public void steps(dev.automap.workers.timeline.StepMarks marks) {
    // a preview keeps no counters: its timeline is what it shows
  }

  /** Versions of maps a run may be moved to, by {@code key:version}. */
  private final Map<String, AutomationMap> versions = new ConcurrentHashMap<>();

  /** Lets runs of this map's key move to it as version {@code version}. */
  public void version(int version, AutomationMap map) {
    versions.put(map.key() + ":" + version, map);
  }

  @Override
  public AutomationMap migrate(MigrationMove move) {
    AutomationMap map = versions.get(move.automationKey() + ":" + move.toVersion());
    if (map == null || move.toSteps().stream().anyMatch(step -> map.step(step) == null)) {
      return null;
    }
    return map;
  }

  @Override
  public void migrationRefused(String migrationId, String workflowId, String step, String reason) {
    // the refusal shows in the run's path
  }

  @Override
  public synchronized Instant drip(
      String key,
      String accountId,
      String automationKey,
      String stepId,
      int batchSize,
      Duration every,
      Instant now) {
    Instant earlier = reservations.get(key);
    if (earlier != null) {
      return earlier;
    }
    DripBatches.Arrival arrival = DripBatches.arrive(batches.get(stepId), batchSize, every, now);
    batches.put(stepId, arrival.batch());
    reservations.put(key, arrival.release());
    return arrival.release();
  }
}
