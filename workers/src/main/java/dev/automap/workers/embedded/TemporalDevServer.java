package dev.automap.workers.embedded;

import dev.automap.workers.run.RunSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal CLI's dev server ({@code temporal server start-dev}) as the app's child process,
 * keeping its state in a SQLite file under the data directory so runs and their waits survive
 * restarts. A dev server this data directory started before (the app was killed and left it
 * running) is reused when it serves the same ports; {@link #close()} stops it.
 */
public final class TemporalDevServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(TemporalDevServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  static final String HOST = "127.0.0.1";

  private final ProcessHandle process;
  private final Path pidFile;
  private final int port;
  private final int uiPort;
  private final boolean reused;

  private TemporalDevServer(
      ProcessHandle process, Path pidFile, int port, int uiPort, boolean reused) {
    this.process = process;
    this.pidFile = pidFile;
    this.port = port;
    this.uiPort = uiPort;
    this.reused = reused;
  }

  /**
   * Reuses the dev server of {@code dir} if it runs on these ports, else starts one. {@code dir}
   * holds the SQLite file ({@code temporal.db}), the server's log and its pid file.
   */
  public static TemporalDevServer startOrReuse(
      Path cli, Path dir, int port, int uiPort, String namespace) throws IOException {
    return startOrReuse(cli, dir, port, uiPort, namespace, null);
  }

  /**
   * As {@link #startOrReuse(Path, Path, int, int, String)}, its UI decoding payloads with the
   * remote codec at {@code codecEndpoint} (the app's {@code /codec}) when one is given.
   */
  public static TemporalDevServer startOrReuse(
      Path cli, Path dir, int port, int uiPort, String namespace, String codecEndpoint)
      throws IOException {
    Files.createDirectories(dir);
    Path db = dir.resolve("temporal.db").toAbsolutePath();
    Path pidFile = dir.resolve("dev-server.pid");
    List<String> command = command(cli, db, port, uiPort, namespace, codecEndpoint);

    Optional<ProcessHandle> previous = previous(pidFile, db);
    if (previous.isPresent()) {
      ProcessHandle old = previous.get();
      List<String> args = old.info().arguments().map(Arrays::asList).orElse(List.of());
      if (args.equals(command.subList(1, command.size())) && serving(port, namespace)) {
        LOG.info("Reusing the Temporal dev server (pid {}) this data directory started", old.pid());
        return new TemporalDevServer(old, pidFile, port, uiPort, true);
      }
      LOG.warn(
          "Stopping the Temporal dev server (pid {}) left from before: it runs with other settings",
          old.pid());
      stop(old);
    }
    requireFree(port, "AUTOMAP_EMBEDDED_TEMPORAL_PORT", "its frontend");
    requireFree(uiPort, "AUTOMAP_EMBEDDED_TEMPORAL_UI_PORT", "its UI");

    Path log = dir.resolve("dev-server.log");
    Process child =
        new ProcessBuilder(inOwnSession(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Files.writeString(pidFile, Long.toString(child.pid()), StandardCharsets.UTF_8);
    TemporalDevServer server =
        new TemporalDevServer(child.toHandle(), pidFile, port, uiPort, false);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (isFree(port) && child.isAlive() && System.nanoTime() < deadline) {
      sleep(200);
    }
    WorkflowServiceStubs stubs = stubs(port);
    try {
      while (!answers(stubs, namespace)) {
        if (!child.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new IllegalStateException(
              "The Temporal dev server ("
                  + cli
                  + ") "
                  + (child.isAlive()
                      ? "did not answer within " + START_TIMEOUT.toSeconds() + " s"
                      : "exited")
                  + ". The end of its log, "
                  + log
                  + ":\n"
                  + tail(log));
        }
        sleep(250);
      }
    } finally {
      stubs.shutdownNow();
    }
    LOG.info("Started the Temporal dev server (pid {}) on {}", child.pid(), server.address());
    return server;
  }

  static List<String> command(
      Path cli, Path db, int port, int uiPort, String namespace, String codecEndpoint) {
    List<String> command = new ArrayList<>();
    command.add(cli.toString());
    command.addAll(
        List.of(
            "server",
            "start-dev",
            "--ip",
            HOST,
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(uiPort),
            "--db-filename",
            db.toString(),
            "--log-level",
            "error"));
    if (!"default".equals(namespace)) {
      command.addAll(List.of("--namespace", namespace));
    }
    if (codecEndpoint != null) {
      command.addAll(List.of("--ui-codec-endpoint", codecEndpoint));
    }
    new TreeMap<>(RunSearchAttributes.ALL)
        .forEach(
            (name, type) ->
                command.addAll(List.of("--search-attribute", name + "=" + cliType(type))));
    return command;
  }

  /**
   * Runs the command in a session of its own where {@code setsid} exists, so a Ctrl-C in the
   * terminal reaches only the app, which stops the dev server after its worker (the command keeps
   * its pid: setsid runs it in place when its caller leads no process group, as here).
   */
  private static List<String> inOwnSession(List<String> command) {
    for (String dir : List.of("/usr/bin", "/bin")) {
      Path setsid = Path.of(dir, "setsid");
      if (Files.isExecutable(setsid)) {
        List<String> launch = new ArrayList<>(command);
        launch.add(0, setsid.toString());
        return launch;
      }
    }
    return command;
  }

  private static String cliType(IndexedValueType type) {
    return switch (type) {
      case INDEXED_VALUE_TYPE_KEYWORD -> "Keyword";
      case INDEXED_VALUE_TYPE_INT -> "Int";
      case INDEXED_VALUE_TYPE_TEXT -> "Text";
      case INDEXED_VALUE_TYPE_DOUBLE -> "Double";
      case INDEXED_VALUE_TYPE_BOOL -> "Bool";
      case INDEXED_VALUE_TYPE_DATETIME -> "Datetime";
      case INDEXED_VALUE_TYPE_KEYWORD_LIST -> "KeywordList";
      default -> throw new IllegalArgumentException("no CLI name for " + type);
    };
  }

  /** The process the pid file names, if it still runs a dev server on {@code db}. */
  private static Optional<ProcessHandle> previous(Path pidFile, Path db) {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              p ->
                  p.info()
                      .arguments()
                      .map(args -> Arrays.asList(args).contains(db.toString()))
                      .orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a Temporal frontend on this port answers for the namespace. */
  static boolean serving(int port, String namespace) {
    if (isFree(port)) {
      return false;
    }
    WorkflowServiceStubs stubs = stubs(port);
    try {
      return answers(stubs, namespace);
    } finally {
      stubs.shutdownNow();
    }
  }

  private static WorkflowServiceStubs stubs(int port) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(HOST + ":" + port)
            .validateAndBuildWithDefaults());
  }

  private static boolean answers(WorkflowServiceStubs stubs, String namespace) {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void requireFree(int port, String setting, String what) {
    if (!isFree(port)) {
      throw new IllegalStateException(
          "The Temporal dev server cannot use port "
              + port
              + " for "
              + what
              + ": another process listens there (another Temporal, or another automap with"
              + " another data directory?). Point TEMPORAL_ADDRESS at a running Temporal, or"
              + " choose another port with "
              + setting
              + ".");
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(HOST, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static void stop(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("The Temporal dev server (pid {}) ignored SIGTERM; killing it", process.pid());
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (java.util.concurrent.ExecutionException e) {
      process.destroyForcibly();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }

  public String address() {
    return HOST + ":" + port;
  }

  public String uiUrl() {
    return "http://" + HOST + ":" + uiPort;
  }

  public boolean reused() {
    return reused;
  }

  public long pid() {
    return process.pid();
  }

  /** Stops the dev server (SIGTERM, then SIGKILL after 20 s); its SQLite file stays. */
  @Override
  public void close() {
    stop(process);
    LOG.info("Stopped the Temporal dev server (pid {})", process.pid());
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", pidFile, e.getMessage());
    }
  }
}
