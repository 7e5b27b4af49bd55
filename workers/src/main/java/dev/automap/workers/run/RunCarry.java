package dev.automap.workers.run;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What a run carries across continue-as-new ({@link RunMemory}): taken from the run when a path
 * parks, given back to the next run of the chain before anything else happens.
 */
final class RunCarry {
  private RunCarry() {}

  /** The memory of {@code run}: its parked paths, values, counters and unhandled events. */
  static RunMemory remember(RunScope run, Deque<Map<String, Object>> inbox) {
    List<RunMemory.Position> positions = new ArrayList<>();
    for (Cursor cursor : run.cursors) {
      if (cursor.parked() != null) {
        positions.add(cursor.parked());
      }
    }
    return new RunMemory(
        positions,
        Map.copyOf(run.visits),
        RunScope.nonNull(run.vars),
        List.copyOf(run.goalsMet),
        run.event,
        List.copyOf(inbox),
        List.copyOf(run.path),
        run.paused,
        run.generation);
  }

  /** Gives {@code memory} back to {@code run}, starting a path at each position it kept. */
  static void restore(
      RunMemory memory,
      RunScope run,
      Deque<Map<String, Object>> inbox,
      BiConsumer<String, RunMemory.Position> startPath) {
    run.visits.putAll(memory.visits());
    run.vars.putAll(memory.vars());
    run.goalsMet.addAll(memory.goalsMet());
    run.event = memory.event();
    inbox.addAll(memory.inbox());
    run.path.addAll(memory.path());
    run.paused = memory.paused();
    run.generation = memory.generation();
    for (RunMemory.Position position : memory.positions()) {
      startPath.accept(position.step(), position);
    }
  }
}
