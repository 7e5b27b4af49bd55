package dev.automap.workers;

import dev.automap.workers.embedded.EmbeddedServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One embedded PostgreSQL (and optionally Temporal) per test JVM, started on first use. */
public final class TestStack {
  /** The in-memory Temporal service, on a free port. */
  private static final Map<String, String> IN_MEMORY_TEMPORAL =
      Map.of(EmbeddedServices.MODE_SETTING, "in-memory", "AUTOMAP_EMBEDDED_TEMPORAL_PORT", "0");

  private static EmbeddedServices withTemporal;
  private static EmbeddedServices databaseOnly;

  private TestStack() {}

  /** Properties for a context with a fresh embedded database and no worker. */
  public static synchronized Map<String, String> databaseOnly() {
    if (databaseOnly == null) {
      databaseOnly = start(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1"));
    }
    Map<String, String> props = strings(databaseOnly);
    props.put("automap.worker.enabled", "false");
    props.put("temporal.address", "127.0.0.1:1");
    return props;
  }

  /** Properties for a context with in-memory Temporal (real time) and database, worker on. */
  public static synchronized Map<String, String> full() {
    if (withTemporal == null) {
      withTemporal = start(IN_MEMORY_TEMPORAL);
    }
    return strings(withTemporal);
  }

  /**
   * Properties for a context with a Temporal service (and database) of its own: for tests that skip
   * time ({@code InMemoryClock}), which moves the clock of every run on a service, so other tests'
   * runs must not be on it.
   */
  public static Map<String, String> ownTemporal() {
    return strings(start(IN_MEMORY_TEMPORAL));
  }

  private static EmbeddedServices start(Map<String, String> settings) {
    try {
      Path dir = Files.createTempDirectory("automap-test-");
      Map<String, String> all = new HashMap<>(settings);
      all.put("AUTOMAP_DATA_DIR", dir.toString());
      EmbeddedServices services = EmbeddedServices.startUnconfigured(all::get);
      Runtime.getRuntime().addShutdownHook(new Thread(services::close));
      return services;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> strings(EmbeddedServices services) {
    Map<String, String> props = new HashMap<>();
    services.properties().forEach((k, v) -> props.put(k, String.valueOf(v)));
    // the tests' own HTTP peers listen on loopback, which webhooks may not reach by default
    props.put("automap.webhook.allowed-hosts", "127.0.0.1,localhost");
    return props;
  }
}
