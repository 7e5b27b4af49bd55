package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.workers.timeline.StepMarks;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run tells the step counters: each visit's entering and leaving of a step, gathered as
 * marks and told in one local activity before the run waits, ends or continues as new.
 */
final class StepMarking {
  private final RunScope run;

  /** Whether the run tells the step counters what it passes; asked once, at its first step. */
  private Boolean counting;

  /** Step marks not yet told to the counters. */
  private final List<StepMarks.Mark> marks = new ArrayList<>();

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
    if (counting()) {
      marks.add(
          new StepMarks.Mark(
              run.key(step) + "/in",
              step.id(),
              StepTypes.nameOf(step.getClass()),
              StepMarks.ENTER,
              null,
              null,
              true,
              null,
              RunScope.now()));
    }
  }

  /** Notes that a path left the current visit of {@code step}, and how. */
  void leave(Step step, String outcome, String pathTaken, String detail) {
    if (counting()) {
      marks.add(
          new StepMarks.Mark(
              run.key(step) + "/out",
              step.id(),
              StepTypes.nameOf(step.getClass()),
              StepMarks.LEAVE,
              outcome,
              pathTaken,
              step instanceof ActionStep,
              detail,
              RunScope.now()));
    }
  }

  /** The marks not yet told, taken for an activity to tell; null when there are none. */
  StepMarks take() {
    if (marks.isEmpty()) {
      return null;
    }
    StepMarks batch =
        new StepMarks(
            run.input.accountId(),
            run.input.contactId(),
            run.selfId(),
            run.input.automationKey(),
            run.input.version(),
            List.copyOf(marks));
    marks.clear();
    return batch;
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
