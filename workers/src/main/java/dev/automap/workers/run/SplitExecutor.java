package dev.automap.workers.run;

import dev.automap.definitions.flow.SplitBucket;
import dev.automap.definitions.model.SplitPath;
import dev.automap.definitions.model.SplitStep;
import java.util.List;

/** {@code split}: a path by percentage, the same for a contact every time (hashed, no I/O). */
final class SplitExecutor implements StepExecutor<SplitStep> {
  private final RunScope run;

  SplitExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, SplitStep step) {
    List<Integer> percents = step.paths().stream().map(SplitPath::percent).toList();
    int index =
        SplitBucket.pick(percents, run.input.automationKey(), step.id(), run.input.contactId());
    SplitPath chosen = step.paths().get(index);
    run.record(step.id(), "path " + (chosen.name() == null ? index : chosen.name()));
    return chosen.next();
  }
}
