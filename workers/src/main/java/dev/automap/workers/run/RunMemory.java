package dev.automap.workers.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a run carries across continue-as-new: where each path stands, the run's values and counters,
 * goal state and the events not handled yet.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunMemory(
    List<Position> positions,
    Map<String, Integer> visits,
    Map<String, Object> vars,
    List<String> goalsMet,
    Map<String, Object> event,
    List<Map<String, Object>> inbox,
    List<RunStatus.PathEntry> path,
    boolean paused,
    int generation) {

  /**
   * Where one path stands: about to enter {@code step}, or (with {@code entered}) inside it,
   * waiting until {@code until} (a wait, a drip, a wait_for's timeout; null for no deadline).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Position(String step, boolean entered, Instant until) {}
}
