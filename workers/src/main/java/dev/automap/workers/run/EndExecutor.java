package dev.automap.workers.run;

import dev.automap.definitions.model.EndStep;

/** {@code end}: ends the whole run, every path with it. */
final class EndExecutor implements StepExecutor<EndStep> {
  private final RunScope run;

  EndExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, EndStep step) {
    run.record(step.id(), "ended");
    run.end("reached " + step.id());
    return null;
  }
}
