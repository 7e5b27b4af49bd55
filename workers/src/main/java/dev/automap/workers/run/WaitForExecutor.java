package dev.automap.workers.run;

import dev.automap.definitions.flow.Listens;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.WaitForStep;
import java.time.Instant;
import java.util.List;

/**
 * {@code wait_for}: waits for an event or a condition, at most until its timeout; then {@code
 * next}, or {@code onTimeout} when the time ran out. A condition that holds already goes on at
 * once.
 */
final class WaitForExecutor implements StepExecutor<WaitForStep> {
  private final RunScope run;

  WaitForExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, WaitForStep step) {
    Match match = Listens.waitFor(step);
    if (match instanceof Match.OnCondition c
        && run.holds(step.id(), List.of(c.condition())).contains(0)) {
      run.record(step.id(), "condition already met");
      return step.next();
    }
    Instant deadline = step.timeout() == null ? null : RunScope.now().plus(step.timeout());
    return resume(cursor, step, deadline);
  }

  @Override
  public String resume(Cursor cursor, WaitForStep step, Instant deadline) {
    Match match = Listens.waitFor(step);
    String what = Listens.describe(match);
    Cursor.Woke woke =
        cursor.await(
            Wait.listening(
                step.id(),
                List.of(match),
                deadline,
                what,
                () -> false,
                "wait_for " + (what.startsWith("event ") ? what.substring(6) : what),
                run.summaryZone(null)));
    return switch (woke) {
      case MATCHED -> {
        run.record(step.id(), "matched " + what);
        yield step.next();
      }
      case TIMED_OUT -> {
        run.record(step.id(), "timed out");
        yield step.onTimeout();
      }
      default -> null;
    };
  }
}
