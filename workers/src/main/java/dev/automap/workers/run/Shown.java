package dev.automap.workers.run;

import io.temporal.workflow.Workflow;
import java.util.Objects;

/**
 * How the run shows itself outside: the {@code RunState}/{@code CurrentStep} search attributes and
 * the workflow's current details, upserted and set only on change, held back while paused.
 */
final class Shown {
  private final RunScope run;
  private RunState state;
  private String step;

  /** The current details last shown while not paused: what a resume shows again. */
  private String details;

  Shown(RunScope run) {
    this.run = run;
  }

  /**
   * Keeps the {@code RunState}/{@code CurrentStep} search attributes true, upserting only on
   * change.
   */
  void show(RunState shownState, String shownStep) {
    RunState effective = run.paused ? RunState.PAUSED : shownState;
    if (effective == state && Objects.equals(shownStep, step)) {
      return;
    }
    state = effective;
    step = shownStep;
    if (shownStep == null) {
      Workflow.upsertTypedSearchAttributes(
          RunSearchAttributes.RUN_STATE.valueSet(effective.value()));
      return;
    }
    Workflow.upsertTypedSearchAttributes(
        RunSearchAttributes.RUN_STATE.valueSet(effective.value()),
        RunSearchAttributes.CURRENT_STEP.valueSet(shownStep));
  }

  /** The step last shown as {@code CurrentStep}; null before any. */
  String step() {
    return step;
  }

  /** Shows the state again (after pause or resume), at the step last shown. */
  void reshow(RunState shownState) {
    show(shownState, step);
  }

  RunState state() {
    return state;
  }

  /** Shows {@code text} as the run's current details (kept for a resume while paused). */
  void details(String text) {
    details = text;
    if (!run.paused) {
      Workflow.setCurrentDetails(text);
    }
  }

  /** The details shown when not paused. */
  String details() {
    return details;
  }
}
