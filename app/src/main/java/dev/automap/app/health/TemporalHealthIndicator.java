package dev.automap.app.health;

import dev.automap.workers.temporal.TemporalConfig;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.inject.Singleton;
import java.util.Map;

/** Reports whether the Temporal service answers its health check. */
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
    return Map.of(
        "address",
        config.address(),
        "namespace",
        config.namespace(),
        "embedded",
        config.embedded(),
        "status",
        response.getStatus().name());
  }

  @Override
  protected String getName() {
    return "temporal";
  }
}
