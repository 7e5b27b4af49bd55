package dev.automap.workers.run;

import dev.automap.definitions.model.ForkStep;

/** {@code fork}: starts one path per branch; this path ends here. */
final class ForkExecutor implements StepExecutor<ForkStep> {
  private final RunScope run;

  ForkExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, ForkStep step) {
    run.record(step.id(), "forked into " + String.join(", ", step.paths()));
    step.paths().forEach(run::fork);
    return null;
  }
}
