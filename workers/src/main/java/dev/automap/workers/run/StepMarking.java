package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.workers.timeline.StepMarks;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run tells the step counters: each visit's entering and leaving of a step, gathered as
 * marks and told with the next action's activity, or in one local activity before the run waits,
 * ends or continues as new. On history version 1 the action before a wait also tells, on success,
 * the marks the run makes right after it, and the end's own local activity tells the last.
 */
final class StepMarking {
  private final RunScope run;

  /** Whether the run tells the step counters what it passes; asked once, at its first step. */
  private Boolean counting;

  /** Step marks not yet told to the counters. */
  private final List<StepMarks.Mark> marks = new ArrayList<>();

  /** Keys of marks an action's activity told as it succeeded, before the run made them. */
  private final Set<String> told = new HashSet<>();

  StepMarking(RunScope run) {
    this.run = run;
  }

  /**
   * Whether this run counts the steps it passes. Runs recorded before the counters replay without
   * them: asked once per run through a version marker.
   */
  boolean counting() {
    if (counting == null) {
      counting = run.lean; // lean-history 1 counts steps: no marker of its own
    }
    return counting;
  }

  /** Notes that a path entered the current visit of {@code step}. */
  void enter(Step step) {
    if (!counting()) {
      return;
    }
    String key = run.key(step);
    if (!told.remove(key + "/in")) {
      marks.add(entering(step, key, RunScope.now()));
    }
  }

  /** Notes that a path left the current visit of {@code step}, and how. */
  void leave(Step step, String outcome, String pathTaken, String detail) {
    if (!counting()) {
      return;
    }
    String key = run.key(step);
    if (!told.remove(key + "/out")) {
      marks.add(leaving(step, key, outcome, pathTaken, detail, RunScope.now()));
    }
  }

  private static StepMarks.Mark entering(Step step, String key, java.time.Instant at) {
    return new StepMarks.Mark(
        key + "/in",
        step.id(),
        StepTypes.nameOf(step.getClass()),
        StepMarks.ENTER,
        null,
        null,
        true,
        null,
        at);
  }

  private static StepMarks.Mark leaving(
      Step step, String key, String outcome, String path, String detail, java.time.Instant at) {
    return new StepMarks.Mark(
        key + "/out",
        step.id(),
        StepTypes.nameOf(step.getClass()),
        StepMarks.LEAVE,
        outcome,
        path,
        step instanceof ActionStep,
        detail,
        at);
  }

  /**
   * The marks the run makes right after {@code action} when it succeeds and its next step is one
   * that waits (a wait, a wait_for, a goal): the action's leaving (completed; its activity adds
   * what it did and the time) and the next step's entering. The action's activity tells them once
   * it has succeeded, so that no local activity has to before the wait. Null for runs recorded
   * before history version 1, and when the next step does not wait.
   */
  StepMarks toldOnSuccess(ActionStep action) {
    return toldOnSuccess(action, null);
  }

  /**
   * As {@link #toldOnSuccess(ActionStep)}; when the action's activity also records the run's {@code
   * end} after it (history version 2, {@link EndAhead}), the action's leaving and the end's
   * entering and leaving.
   */
  StepMarks toldOnSuccess(ActionStep action, dev.automap.workers.actions.AfterAction.End end) {
    Step next = action.next() == null ? null : run.map.step(action.next());
    if (end != null && counting() && next != null) {
      String key = nextKey(next.id());
      return batch(
          List.of(
              leaving(action, run.key(action), "completed", null, null, null),
              entering(next, key, null),
              leaving(next, key, "completed", null, "ended", null)));
    }
    if (!counting()
        || !run.input.records(1)
        || !(next instanceof WaitStep || next instanceof WaitForStep || next instanceof GoalStep)) {
      return null;
    }
    return batch(
        List.of(
            leaving(action, run.key(action), "completed", null, null, null),
            entering(next, nextKey(next.id()), null)));
  }

  /** The key the next visit of {@code stepId} will have ({@link RunScope#key} once entered). */
  private String nextKey(String stepId) {
    var info = Workflow.getInfo();
    return info.getWorkflowId()
        + "/"
        + info.getRunId()
        + "/"
        + stepId
        + "/"
        + (run.visits.getOrDefault(stepId, 0) + 1);
  }

  /** The activity told {@code batch}: the run does not tell those marks again. */
  void told(StepMarks batch) {
    batch.marks().forEach(mark -> told.add(mark.key()));
  }

  /** Whether entering the next visit of {@code stepId} was told already (see {@link #told}). */
  boolean toldEntering(String stepId) {
    return !told.isEmpty() && told.contains(nextKey(stepId) + "/in");
  }

  /** The marks not yet told, taken for an activity to tell; null when there are none. */
  StepMarks take() {
    if (marks.isEmpty()) {
      return null;
    }
    StepMarks batch = batch(List.copyOf(marks));
    marks.clear();
    return batch;
  }

  private StepMarks batch(List<StepMarks.Mark> list) {
    return new StepMarks(
        run.input.accountId(),
        run.input.contactId(),
        run.selfId(),
        run.input.automationKey(),
        run.input.version(),
        list);
  }

  /** Gives back marks an activity could not tell: they go with the next. */
  void untold(StepMarks batch) {
    if (batch != null) {
      marks.addAll(0, batch.marks());
    }
  }

  /**
   * Tells the counters the marks not yet told (one local activity), before the run waits, ends or
   * continues as new. Marks the store did not take within the activity's hour stay for the next.
   */
  void flush(String stepId) {
    StepMarks batch = take();
    if (batch == null) {
      return;
    }
    try {
      RunStubs.engineLocal(stepId, "engine.steps counts " + batch.marks().size() + " step mark(s)")
          .steps(batch);
    } catch (ActivityFailure e) {
      untold(batch);
    }
  }
}
