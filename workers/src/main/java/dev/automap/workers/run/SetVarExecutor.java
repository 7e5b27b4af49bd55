package dev.automap.workers.run;

import dev.automap.definitions.model.SetVarStep;

/** {@code set_var}: a template or CEL value, judged on the contact's facts, into a run var. */
final class SetVarExecutor implements StepExecutor<SetVarStep> {
  private final RunScope run;

  SetVarExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, SetVarStep step) {
    Object value =
        RunStubs.facts(step.id(), "facts.value of " + step.variable())
            .value(run.factsRequest(), step.value(), step.cel());
    run.vars.put(step.variable(), value);
    run.record(step.id(), "set " + step.variable());
    return step.next();
  }
}
