package dev.automap.app;

import dev.automap.workers.embedded.EmbeddedServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded stack with in-memory Temporal (real time) and PostgreSQL, once per test JVM; or one
 * of its own for a test that moves the Temporal clock ({@code InMemoryClock}).
 */
final class EmbeddedStack {
  static final String API_KEY = "test-key";
  private static EmbeddedServices services;

  private EmbeddedStack() {}

  /** Properties for a context on the stack every test class shares. */
  static synchronized Map<String, String> properties() {
    if (services == null) {
      services = ownTemporal();
      Runtime.getRuntime().addShutdownHook(new Thread(services::close));
    }
    return properties(services);
  }

  /**
   * A stack of its own, closed by the caller: for tests that skip time, which moves the clock of
   * every run on a Temporal service, so other tests' runs must not be on it.
   */
  static EmbeddedServices ownTemporal() {
    try {
      String dir = Files.createTempDirectory("automap-app-test-").toString();
      return EmbeddedServices.startUnconfigured(
          Map.of(
                  "AUTOMAP_DATA_DIR",
                  dir,
                  EmbeddedServices.MODE_SETTING,
                  "in-memory",
                  "AUTOMAP_EMBEDDED_TEMPORAL_PORT",
                  "0")
              ::get);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Properties for a context on {@code stack}. */
  static Map<String, String> properties(EmbeddedServices stack) {
    Map<String, String> props = new HashMap<>();
    stack.properties().forEach((k, v) -> props.put(k, String.valueOf(v)));
    props.put("automap.bootstrap-api-key", API_KEY);
    props.put("micronaut.server.port", "-1");
    // the tests' own HTTP peers listen on loopback, which webhooks may not reach by default
    props.put("automap.webhook.allowed-hosts", "127.0.0.1,localhost");
    return props;
  }
}
