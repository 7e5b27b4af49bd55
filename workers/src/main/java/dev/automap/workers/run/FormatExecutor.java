package dev.automap.workers.run;

import dev.automap.definitions.model.FormatStep;

/** {@code format}: renders its input and formats it (a date, a number, a case) into a run var. */
final class FormatExecutor implements StepExecutor<FormatStep> {
  private final RunScope run;

  FormatExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, FormatStep step) {
    run.vars.put(
        step.variable(),
        RunStubs.facts(step.id(), "facts.format " + step.variable() + " as " + step.as())
            .format(run.factsRequest(), step.input(), step.as()));
    run.record(step.id(), "formatted " + step.variable());
    return step.next();
  }
}
