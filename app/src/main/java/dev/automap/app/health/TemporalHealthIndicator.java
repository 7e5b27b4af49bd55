package dev.automap.app.health;

import dev.automap.workers.temporal.TemporalConfig;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports whether the Temporal service answers its health check, and its {@code mode}: {@code
 * external}, {@code dev-server} or {@code in-memory} (the last with a warning: runs are lost when
 * the app stops).
 */
@Singleton
public class TemporalHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  private final WorkflowServiceStubs stubs;
  private final TemporalConfig config;

  public TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalConfig config) {
    this.stubs = stubs;
    this.config = config;
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    var response = stubs.healthCheck();
    healthStatus =
        response.getStatus().name().equals("SERVING") ? HealthStatus.UP : HealthStatus.DOWN;
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("mode", config.mode());
    info.put("durable", !config.inMemory());
    if (config.inMemory()) {
      info.put(
          "warning",
          "Temporal runs in memory: every run and wait is lost when the app stops."
              + " Install the Temporal CLI or Go, or set TEMPORAL_ADDRESS.");
    }
    info.put("address", config.address());
    info.put("namespace", config.namespace());
    if (config.uiUrl() != null) {
      info.put("ui", config.uiUrl());
    }
    info.put("status", response.getStatus().name());
    return info;
  }

  @Override
  protected String getName() {
    return "temporal";
  }
}
