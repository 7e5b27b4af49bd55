package dev.automap.app.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU time the processes of a measure have used so far: this JVM (the app with its worker and
 * the hand-written worker), its embedded PostgreSQL and the Temporal server (the process whose
 * command line names {@code AUTOMAP_BENCH_TEMPORAL_DB}, when set). Read before and after each
 * side's rounds, it tells where a run's CPU goes on each side.
 */
record CpuUse(long jvm, long postgres, long temporal) {

  /**
   * CPU used so far; {@code postgresDir} is the embedded PostgreSQL's data directory (its server
   * runs apart from this JVM: its processes are found by it), {@code temporalDb} the Temporal
   * server's database file; either null when unknown.
   */
  static CpuUse now(String temporalDb, String postgresDir) {
    long jvm = cpu(ProcessHandle.current());
    long pg =
        postgresDir == null
            ? 0
            : ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(postgresDir))
                .mapToLong(p -> cpu(p) + p.descendants().mapToLong(CpuUse::cpu).sum())
                .sum();
    long temporal =
        temporalDb == null
            ? 0
            : ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(temporalDb))
                .mapToLong(CpuUse::cpu)
                .sum();
    return new CpuUse(jvm, pg, temporal);
  }

  private static long cpu(ProcessHandle p) {
    Optional<Duration> d = p.info().totalCpuDuration();
    return d.map(Duration::toNanos).orElse(0L);
  }

  CpuUse plus(CpuUse later, CpuUse earlier) {
    return new CpuUse(
        jvm + later.jvm - earlier.jvm,
        postgres + later.postgres - earlier.postgres,
        temporal + later.temporal - earlier.temporal);
  }

  /** Milliseconds of CPU per run, each process and in all. */
  String perRun(int runs) {
    return String.format(
        Locale.ROOT,
        "app JVM %.1f, PostgreSQL %.1f, Temporal %.1f, all %.1f ms",
        jvm / 1e6 / runs,
        postgres / 1e6 / runs,
        temporal / 1e6 / runs,
        (jvm + postgres + temporal) / 1e6 / runs);
  }
}
