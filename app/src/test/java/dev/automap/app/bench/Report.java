package dev.automap.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** BENCHMARKS.md: each measure beside its baseline, the ratio against its goal, the machine. */
final class Report {
  static final String EARLIER = "## Earlier runs";

  /** A section written by hand (what was tuned, before and after): kept from run to run. */
  static final String TUNING = "## Tuning";

  private Report() {}

  /**
   * One measure. {@code atMost}: the goal is a ceiling (ratio ≤ goal), else a floor. A measure not
   * taken has a reason instead of figures.
   */
  record Row(
      String name,
      double value,
      double baseline,
      String unit,
      double goal,
      boolean atMost,
      String missing) {
    static Row ratio(
        String name, double value, double baseline, String unit, double goal, boolean atMost) {
      return new Row(name, value, baseline, unit, goal, atMost, null);
    }

    static Row unavailable(String name, String goal, String why) {
      return new Row(name, Double.NaN, Double.NaN, goal, Double.NaN, true, why);
    }

    double ratio() {
      return value / baseline;
    }

    boolean met() {
      return missing == null && (atMost ? ratio() <= goal : ratio() >= goal);
    }

    /** How far from its goal, as a factor above 1 when missed (for naming the worst). */
    double shortfall() {
      return atMost ? ratio() / goal : goal / ratio();
    }

    String goalText() {
      return missing != null ? unit : (atMost ? "≤ " : "≥ ") + number(goal);
    }
  }

  static String render(
      List<Row> rows, List<String> notes, String size, Duration took, Path previous) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append("Written by `./automap bench` (")
        .append(size)
        .append(" size). Every figure is measured beside its baseline in the same run, on the")
        .append(
            " Temporal CLI's dev server and PostgreSQL on this machine. Benchmarks report; they")
        .append(" never gate CI.\n\n");
    md.append("| measure | figure | baseline | ratio | goal | met |\n|---|---|---|---|---|---|\n");
    Row worst = null;
    for (Row r : rows) {
      if (r.missing() != null) {
        md.append(
            "| %s | not available | | | %s | %s |\n"
                .formatted(r.name(), r.goalText(), r.missing()));
        continue;
      }
      md.append(
          "| %s | %s %s | %s %s | **%s** | %s | %s |\n"
              .formatted(
                  r.name(),
                  number(r.value()),
                  r.unit(),
                  number(r.baseline()),
                  r.unit(),
                  String.format(Locale.ROOT, "%.3f", r.ratio()),
                  r.goalText(),
                  r.met() ? "yes" : "no"));
      if (worst == null || r.shortfall() > worst.shortfall()) {
        worst = r;
      }
    }
    md.append('\n');
    if (worst != null) {
      md.append("Worst against its goal: ")
          .append(worst.name())
          .append(
              String.format(
                  Locale.ROOT, " (ratio %.3f, goal %s).\n\n", worst.ratio(), worst.goalText()));
    }
    for (String note : notes) {
      md.append("- ").append(note).append('\n');
    }
    md.append("\n## Machine\n\n")
        .append("- cores: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append("; memory: ")
        .append(memory())
        .append("; JVM max heap: ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
        .append(" MB; Java ")
        .append(System.getProperty("java.version"))
        .append("\n- date: ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("; commit: ")
        .append(orElse(System.getenv("AUTOMAP_BENCH_COMMIT"), "unknown"))
        .append("; the whole run took ")
        .append(took.toSeconds())
        .append(" s; load average at its end ")
        .append(loadAverage())
        .append("\n- Temporal: ")
        .append(orElse(System.getenv("AUTOMAP_BENCH_TEMPORAL_VERSION"), "the CLI's dev server"))
        .append("\n\n## How to reproduce\n\n")
        .append("`./automap bench` (full size) or `AUTOMAP_BENCH_SIZE=small ./automap bench`")
        .append(" (a few minutes; what CI runs). It starts the Temporal CLI's dev server on a")
        .append(" free port (SQLite in a temporary directory), an embedded PostgreSQL, and the app")
        .append(" with its worker in one JVM, and runs `dev.automap.app.bench.Benchmarks`. The")
        .append(
            " hand-written baselines are `HandWritten` in the same package: the same activities,")
        .append(" timers and local activities as the interpreted maps (`Maps`), without the")
        .append(" interpreter's bookkeeping. Other processes on the machine move the figures;")
        .append(" ratios taken side by side move less.\n\n");
    md.append(tuning(previous));
    md.append(EARLIER).append("\n\n");
    md.append("- ")
        .append(Instant.now().truncatedTo(ChronoUnit.MINUTES))
        .append(" (")
        .append(size)
        .append(", ")
        .append(orElse(System.getenv("AUTOMAP_BENCH_COMMIT"), "unknown"))
        .append("): ");
    List<String> brief = new ArrayList<>();
    for (Row r : rows) {
      if (r.missing() == null) {
        brief.add(shortName(r.name()) + " " + String.format(Locale.ROOT, "%.3f", r.ratio()));
      }
    }
    md.append(String.join(", ", brief)).append('\n');
    md.append(earlier(previous));
    return md.toString();
  }

  private static String shortName(String name) {
    int colon = name.indexOf(':');
    return colon > 0 ? name.substring(0, colon) : name;
  }

  /** The earlier runs' lines of the file this one replaces. */
  private static String earlier(Path previous) {
    if (previous == null || !Files.exists(previous)) {
      return "";
    }
    try {
      String text = Files.readString(previous);
      int at = text.indexOf(EARLIER);
      if (at < 0) {
        return "";
      }
      StringBuilder out = new StringBuilder();
      for (String line : text.substring(at + EARLIER.length()).split("\n")) {
        if (line.startsWith("- ")) {
          out.append(line).append('\n');
        }
      }
      return out.toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** The tuning section of the file this one replaces, as it was, up to the next section. */
  private static String tuning(Path previous) {
    if (previous == null || !Files.exists(previous)) {
      return "";
    }
    try {
      String text = Files.readString(previous);
      int at = text.indexOf("\n" + TUNING);
      if (at < 0) {
        return "";
      }
      int end = text.indexOf("\n## ", at + 1 + TUNING.length());
      return text.substring(at + 1, end < 0 ? text.length() : end + 1);
    } catch (IOException e) {
      return "";
    }
  }

  /** The 1- and 5-minute load averages, as /proc/loadavg has them. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      double fiveMinutes = Double.parseDouble(parts[1]);
      int cores = Runtime.getRuntime().availableProcessors();
      return parts[0]
          + " (1 min), "
          + parts[1]
          + " (5 min)"
          + (fiveMinutes > cores
              ? " (above the cores: other work shared the machine)"
              : " (within the cores)");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: unknown
    }
    return "unknown";
  }

  static String number(double v) {
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String orElse(String s, String otherwise) {
    return s == null || s.isBlank() ? otherwise : s;
  }
}
