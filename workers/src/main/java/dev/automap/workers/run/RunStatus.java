package dev.automap.workers.run;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The answer of the {@code status} query (engine.md). */
@Serdeable
public record RunStatus(
    String state,
    List<String> steps,
    String waitingUntil,
    String waitingFor,
    List<PathEntry> path,
    Map<String, Object> vars,
    List<String> goalsMet) {

  /** One step the run went through: when, and how it came out. */
  @Serdeable
  public record PathEntry(String step, String at, String outcome) {}
}
