package dev.automap.workers.run;

import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.model.SwitchStep;
import io.temporal.failure.ApplicationFailure;

/**
 * Walks one path of the map, in the path's own workflow thread: step by step through {@link Steps},
 * marking each visit for the step counters, until the path ends, stops or parks.
 */
final class PathWalker {
  private final RunScope run;
  private final Steps steps;

  PathWalker(RunScope run, Steps steps) {
    this.run = run;
    this.steps = steps;
  }

  /**
   * Walks the cursor's path, from inside {@code resume}'s step when it was parked there. A map that
   * cannot be followed fails the run: every path stops and the main thread throws.
   */
  void walk(Cursor cursor, RunMemory.Position resume) {
    Step at = null;
    long since = 0;
    try {
      String next = cursor.step();
      if (resume != null && resume.entered()) {
        Step inside = step(resume.step());
        cursor.moveTo(inside.id());
        at = inside;
        since = run.recorded();
        next = steps.resume(cursor, inside, resume.until());
        leave(cursor, inside, since);
        at = null;
      }
      while (next != null && !cursor.interrupted()) {
        // entering told by an action's activity: the path enters, and parks inside if it must
        boolean told = run.marks.toldEntering(next);
        if (!told && (run.historyFull() || run.migrating())) {
          cursor.park(RunMemory.Position.before(next));
          return;
        }
        Step step = step(next);
        run.awaitNotPausedOrMigrating(cursor);
        if (cursor.interrupted()) {
          break;
        }
        if (!told && run.migrating()) {
          cursor.park(RunMemory.Position.before(next));
          return;
        }
        cursor.moveTo(step.id());
        RunLog.at(run.input.contactId(), step.id());
        RunLog.LOG.debug("step {} ({})", step.id(), StepTypes.nameOf(step.getClass()));
        run.enter(step);
        run.marks.enter(step);
        at = step;
        since = run.recorded();
        next = steps.execute(cursor, step);
        leave(cursor, step, since);
        at = null;
      }
      leaveUnentered(next);
    } catch (ApplicationFailure failure) {
      if (!BadMap.is(failure)) {
        throw failure;
      }
      if (at != null) {
        run.marks.leave(at, "failed", null, ActionExecutor.rootMessage(failure));
      }
      if (run.failure == null) {
        run.failure = failure;
      }
    }
    cursor.finish();
  }

  /**
   * The path stopped before {@code next} (null: it ended) whose entering an action's activity told
   * already: for the counters it entered and left at once, so that they stay balanced.
   */
  private void leaveUnentered(String next) {
    if (next != null && run.marks.toldEntering(next)) {
      Step step = step(next);
      run.enter(step);
      run.marks.enter(step);
      run.marks.leave(step, "left", null, null);
    }
  }

  /**
   * Marks the path's leaving of {@code step} for the counters: completed (with the path a branch,
   * switch or split took) or failed when the step recorded what it did in this visit, else left
   * (the run ended, moved or jumped meanwhile). A path parked inside the step is still on it.
   */
  private void leave(Cursor cursor, Step step, long since) {
    RunMemory.Position parked = cursor.parked();
    if (parked != null && parked.entered()) {
      return;
    }
    if (!run.recordedSince(step.id(), since)) {
      run.marks.leave(step, "left", null, null);
      return;
    }
    String decided = null;
    for (var it = run.path.descendingIterator(); it.hasNext(); ) {
      RunStatus.PathEntry entry = it.next();
      if (entry.step().equals(step.id())) {
        decided = entry.outcome();
        break;
      }
    }
    boolean failed = decided != null && decided.startsWith("failed");
    run.marks.leave(
        step, failed ? "failed" : "completed", failed ? null : pathOf(step, decided), decided);
  }

  /** The path a branch, switch or split took, from what it recorded; null for other steps. */
  static String pathOf(Step step, String decided) {
    if (decided == null
        || !(step instanceof BranchStep
            || step instanceof SwitchStep
            || step instanceof SplitStep)) {
      return null;
    }
    if (decided.equals("else") || decided.equals("default")) {
      return "otherwise";
    }
    int space = decided.indexOf(' ');
    return space < 0 ? decided : decided.substring(space + 1);
  }

  private Step step(String id) {
    Step step = run.map.step(id);
    if (step == null) {
      throw BadMap.at(id, "no such step in the map");
    }
    return step;
  }
}
