package dev.automap.workers.preview;

import dev.automap.workers.run.EngineActivities;
import dev.automap.workers.store.DripBatches;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine as a preview sees it: drip batches kept in memory (the same rule as the store),
 * and enrollments in other automations recorded, not started.
 */
public final class SimulatedEngine implements EngineActivities {
  private final Map<String, DripBatches.Batch> batches = new HashMap<>();
  private final Map<String, Instant> reservations = new ConcurrentHashMap<>();
  @Override
  public Enrolled enroll(String key, String accountId, String automationKey, String contactId,
      String notifyWorkflowId, Map<String, Object> event) {
    return new Enrolled(null, "a preview does not start other automations (" + automationKey + ")");
  }

  @Override
  public synchronized Instant drip(String key, String accountId, String automationKey, String stepId,
      int batchSize, Duration every, Instant now) {
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
