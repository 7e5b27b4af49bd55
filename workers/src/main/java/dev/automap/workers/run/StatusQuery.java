package dev.automap.workers.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The answer to the {@code status} query, read from the run without changing it. */
final class StatusQuery {
  private StatusQuery() {}

  /** Where the run's paths stand, what they wait for and until when, its path log and values. */
  static RunStatus of(RunScope run) {
    List<String> at = new ArrayList<>();
    Instant earliest = null;
    List<String> waitingFor = new ArrayList<>();
    boolean anyRunning = false;
    for (Cursor cursor : run.cursors) {
      if (cursor.done()) {
        continue;
      }
      at.add(cursor.step());
      if (cursor.waitingFor() != null) {
        waitingFor.add(cursor.step() + ": " + cursor.waitingFor());
        Instant until = cursor.until();
        if (until != null && (earliest == null || until.isBefore(earliest))) {
          earliest = until;
        }
      } else {
        anyRunning = true;
      }
    }
    RunState state;
    if (run.paused) {
      state = RunState.PAUSED;
    } else if (at.isEmpty()) {
      state = RunState.ended(run.exitReason != null, run.failed || run.failure != null);
    } else {
      state = anyRunning ? RunState.RUNNING : RunState.WAITING;
    }
    return new RunStatus(
        state.value(),
        at,
        earliest == null ? null : earliest.toString(),
        waitingFor.isEmpty() ? null : String.join("; ", waitingFor),
        List.copyOf(run.path),
        RunScope.nonNull(run.vars),
        List.copyOf(run.goalsMet));
  }
}
