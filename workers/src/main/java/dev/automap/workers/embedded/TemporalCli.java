package dev.automap.workers.embedded;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Temporal CLI the durable default runs its dev server with: the binary {@code
 * AUTOMAP_TEMPORAL_CLI} names, {@code temporal} on {@code PATH}, or one in Go's bin directory
 * ({@code GOBIN}, {@code GOPATH/bin}, {@code ~/go/bin}). Where none is and Go is, builds the pinned
 * CLI once with {@code go install}.
 */
public final class TemporalCli {
  private static final Logger LOG = LoggerFactory.getLogger(TemporalCli.class);

  /** The CLI release built when none is installed (its dev server is Temporal Server 1.29). */
  public static final String VERSION = "v1.5.1";

  public static final String MODULE = "github.com/temporalio/cli/cmd/temporal";
  static final String SETTING = "AUTOMAP_TEMPORAL_CLI";

  private final Function<String, String> setting;
  private final Path home;

  /**
   * {@code setting} reads the environment ({@code PATH}, {@code GOBIN}, {@code GOPATH}, {@code
   * AUTOMAP_TEMPORAL_CLI}); {@code home} is the user's home directory.
   */
  public TemporalCli(Function<String, String> setting, Path home) {
    this.setting = setting;
    this.home = home;
  }

  /** The installed CLI, if there is one. A configured path that is not a program is an error. */
  public Optional<Path> find() {
    String configured = setting.apply(SETTING);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new IllegalStateException(
            SETTING + "=" + configured + " is not an executable file (the Temporal CLI).");
      }
      return Optional.of(path);
    }
    return onPath("temporal")
        .or(
            () ->
                goBinDirectories().stream()
                    .map(this::temporalIn)
                    .flatMap(Optional::stream)
                    .findFirst());
  }

  /** The {@code go} command, if Go is installed. */
  public Optional<Path> findGo() {
    return onPath("go");
  }

  /**
   * Builds the pinned CLI with {@code go install} into {@code GOBIN} (or Go's own bin directory),
   * logging its progress. Minutes the first time on a machine; returns the built binary.
   */
  public Path build(Path go) {
    Path target = installDirectory(go);
    LOG.warn(
        "No Temporal CLI found: building {}@{} with go install into {} (once; 2-5 minutes on a"
            + " fresh machine)",
        MODULE,
        VERSION,
        target);
    long started = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(go.toString(), "install", "-v", MODULE + "@" + VERSION)
            .redirectErrorStream(true);
    builder.environment().put("GOBIN", target.toString());
    int exit;
    List<String> tail = new ArrayList<>();
    try {
      Process process = builder.start();
      Thread progress =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (process.isAlive()) {
                      try {
                        if (process.waitFor(30, TimeUnit.SECONDS)) {
                          return;
                        }
                      } catch (InterruptedException e) {
                        return;
                      }
                      LOG.info(
                          "still building the Temporal CLI ({} s)",
                          Duration.ofNanos(System.nanoTime() - started).toSeconds());
                    }
                  });
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        int packages = 0;
        while ((line = out.readLine()) != null) {
          packages++;
          if (packages % 100 == 0) {
            LOG.info("building the Temporal CLI: {} packages compiled, now {}", packages, line);
          }
          tail.add(line);
          if (tail.size() > 20) {
            tail.remove(0);
          }
        }
      }
      exit = process.waitFor();
      progress.interrupt();
    } catch (IOException e) {
      throw new IllegalStateException("go install of the Temporal CLI did not start: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the Temporal CLI", e);
    }
    Path built = target.resolve("temporal");
    if (exit != 0 || !Files.isExecutable(built)) {
      throw new IllegalStateException(
          "go install "
              + MODULE
              + "@"
              + VERSION
              + " failed (exit "
              + exit
              + "). Install the Temporal CLI and name it in "
              + SETTING
              + ", set TEMPORAL_ADDRESS to a Temporal server, or AUTOMAP_EMBEDDED_TEMPORAL=in-memory"
              + " to keep runs in memory. The end of go's output:\n"
              + String.join("\n", tail));
    }
    LOG.warn(
        "Built the Temporal CLI {} in {} s: {}",
        VERSION,
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        built);
    return built;
  }

  /** {@code GOBIN}, else the first {@code GOPATH} entry's bin, else {@code go env GOPATH}/bin. */
  Path installDirectory(Path go) {
    String gobin = setting.apply("GOBIN");
    if (gobin != null && !gobin.isBlank()) {
      return Path.of(gobin);
    }
    String gopath = setting.apply("GOPATH");
    if (gopath != null && !gopath.isBlank()) {
      return Path.of(gopath.split(File.pathSeparator)[0], "bin");
    }
    try {
      Process process =
          new ProcessBuilder(go.toString(), "env", "GOPATH").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() == 0 && !out.isBlank()) {
        return Path.of(out.strip().split(File.pathSeparator)[0], "bin");
      }
    } catch (IOException e) {
      LOG.debug("go env GOPATH failed: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return home.resolve("go").resolve("bin");
  }

  private List<Path> goBinDirectories() {
    List<Path> dirs = new ArrayList<>();
    String gobin = setting.apply("GOBIN");
    if (gobin != null && !gobin.isBlank()) {
      dirs.add(Path.of(gobin));
    }
    String gopath = setting.apply("GOPATH");
    if (gopath != null && !gopath.isBlank()) {
      for (String entry : gopath.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          dirs.add(Path.of(entry, "bin"));
        }
      }
    }
    dirs.add(home.resolve("go").resolve("bin"));
    return dirs;
  }

  private Optional<Path> temporalIn(Path dir) {
    return executable(dir.resolve("temporal"));
  }

  private Optional<Path> onPath(String program) {
    String path = setting.apply("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        Optional<Path> found = executable(Path.of(dir, program));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> executable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path)
        ? Optional.of(path.toAbsolutePath())
        : Optional.empty();
  }
}
