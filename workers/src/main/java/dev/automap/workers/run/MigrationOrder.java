package dev.automap.workers.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The payload of the {@code migrate} signal (engine.md): at its next step boundary the run
 * continues as new on version {@code toVersion}, on the step {@code steps} maps its own to.
 *
 * @param steps old step id → step id of the new version
 * @param migrationId the migration that asked (its progress at {@code GET /v1/migrations/{id}});
 *     null when the signal came from elsewhere (the Temporal CLI or UI)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MigrationOrder(int toVersion, Map<String, String> steps, String migrationId) {

  public MigrationOrder {
    steps = steps == null ? Map.of() : Map.copyOf(steps);
  }

  /** The step of the new version {@code oldStep} maps to; null when it has no mapping. */
  public String target(String oldStep) {
    return steps.get(oldStep);
  }
}
