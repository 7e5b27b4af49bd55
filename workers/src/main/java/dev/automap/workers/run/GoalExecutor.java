package dev.automap.workers.run;

import dev.automap.definitions.flow.Listens;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Match;
import java.time.Instant;
import java.util.List;

/**
 * {@code goal}: goes on when the goal is met (earlier in the run, or now); else ends, goes on or
 * waits for it as {@code ifUnmet} says. A goal met while the path is elsewhere is a jump, which
 * {@link RunEvents} and the run loop handle.
 */
final class GoalExecutor implements StepExecutor<GoalStep> {
  private final RunScope run;

  GoalExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, GoalStep step) {
    if (run.goalsMet.contains(step.id())) {
      run.record(step.id(), "goal already met");
      return step.next();
    }
    if (step.when() instanceof Match.OnCondition c
        && run.holds(step.id(), List.of(c.condition())).contains(0)) {
      run.markGoal(step.id());
      run.record(step.id(), "goal met");
      return step.next();
    }
    return switch (step.ifUnmetOrDefault()) {
      case END -> {
        run.record(step.id(), "goal not met, ended");
        run.end("goal " + step.id() + " not met");
        yield null;
      }
      case CONTINUE -> {
        run.record(step.id(), "goal not met, continued");
        yield step.next();
      }
      case WAIT -> resume(cursor, step, null);
    };
  }

  @Override
  public String resume(Cursor cursor, GoalStep step, Instant until) {
    if (step.when() == null) {
      throw BadMap.at(step.id(), "a goal that waits needs `when`");
    }
    Cursor.Woke woke =
        cursor.await(
            Wait.listening(
                step.id(),
                Listens.ofStep(step),
                null,
                "goal " + Listens.describe(step.when()),
                () -> run.goalsMet.contains(step.id()),
                "goal",
                run.summaryZone(null)));
    if (woke != Cursor.Woke.MATCHED) {
      return null;
    }
    run.markGoal(step.id());
    run.record(step.id(), "goal met");
    return step.next();
  }
}
