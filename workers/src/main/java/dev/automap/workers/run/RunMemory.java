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

  /** This memory with the paths standing at {@code moved} instead (a migration). */
  public RunMemory withPositions(List<Position> moved) {
    return new RunMemory(
        List.copyOf(moved), visits, vars, goalsMet, event, inbox, path, paused, generation);
  }

  /**
   * Where one path stands: about to enter {@code step}, or (with {@code entered}) inside it,
   * waiting until {@code until} (a wait, a drip, a wait_for's timeout; null for no deadline).
   * Written by {@link #before} and {@link #inside}; the fields are the JSON recorded histories
   * carry.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Position(String step, boolean entered, Instant until) {

    /** About to enter {@code step}: it is done again from its start. */
    public static Position before(String step) {
      return new Position(step, false, null);
    }

    /** Inside {@code step}, waiting until {@code until} (null: no deadline). */
    public static Position inside(String step, Instant until) {
      return new Position(step, true, until);
    }
  }
}
