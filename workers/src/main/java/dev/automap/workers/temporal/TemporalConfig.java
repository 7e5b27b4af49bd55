package dev.automap.workers.temporal;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where Temporal is and which task queue automations run on. {@code mode} says who runs the server
 * ({@link TemporalMode}); {@code uiUrl} is the dev server's Temporal UI, when the app started one.
 */
@ConfigurationProperties("temporal")
public record TemporalConfig(
    @Bindable(defaultValue = "localhost:7233") String address,
    @Bindable(defaultValue = "default") String namespace,
    @Bindable(defaultValue = "automations") String taskQueue,
    @Bindable(defaultValue = "external") String mode,
    @Nullable String uiUrl) {

  /** Whether the server is one this process started and owns (dev server or in memory). */
  public boolean embedded() {
    return !TemporalMode.EXTERNAL.value().equals(mode);
  }

  /** Whether runs live only in this process's memory. */
  public boolean inMemory() {
    return TemporalMode.IN_MEMORY.value().equals(mode);
  }
}
