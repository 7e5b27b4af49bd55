package dev.automap.workers.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * automap's own figures, shown at {@code /prometheus} as {@code automap_*}: events ingested and
 * routed, enrollments started by trigger kind, runs ended by state, messages by channel and status,
 * action failures by type, and routing lag. Tags name automation steps, channels and kinds, never a
 * contact, so the number of series stays small.
 */
@Singleton
public class EngineMetrics {
  private final MeterRegistry registry;
  private final Timer routingLag;

  public EngineMetrics(@Nullable MeterRegistry registry) {
    // with metrics switched off the figures go nowhere
    this.registry = registry == null ? new CompositeMeterRegistry() : registry;
    this.routingLag =
        Timer.builder("automap.routing.lag")
            .description("From an event's acceptance to its routing (enrollments and signals)")
            .publishPercentileHistogram()
            .register(this.registry);
  }

  /** An event stored for routing: {@code via} is how it came (ingest, hook, contact, step). */
  public void eventIngested(String via) {
    registry.counter("automap.events.ingested", "via", tag(via)).increment();
  }

  /** An event routed: the runs it started and signaled, and how long it waited. */
  public void eventRouted(String via, int enrolled, int signaled, Duration lag) {
    registry
        .counter(
            "automap.events.routed",
            "via",
            tag(via),
            "outcome",
            enrolled > 0 ? "enrolled" : signaled > 0 ? "signaled" : "none")
        .increment();
    routingLag.record(lag);
  }

  /**
   * A run started: {@code kind} is what started it ({@code event}, {@code segment}, {@code
   * schedule}, {@code date}, {@code api}, {@code enroll_step}).
   */
  public void enrollmentStarted(String kind) {
    registry.counter("automap.enrollments.started", "trigger", tag(kind)).increment();
  }

  /** A run ended: {@code completed}, {@code exited} or {@code failed}. */
  public void runEnded(String state) {
    registry.counter("automap.runs.ended", "state", tag(state)).increment();
  }

  /** A message recorded or given a new status ({@code queued}, {@code sent}, {@code failed}...). */
  public void message(String channel, String status) {
    registry
        .counter("automap.messages", "channel", tag(channel), "status", tag(status))
        .increment();
  }

  /** An action's attempt failed: its step type and the failure's kind. */
  public void actionFailed(String type, String failure) {
    registry
        .counter("automap.actions.failed", "type", tag(type), "failure", tag(failure))
        .increment();
  }

  private static String tag(String value) {
    return value == null || value.isBlank() ? "none" : value;
  }
}
