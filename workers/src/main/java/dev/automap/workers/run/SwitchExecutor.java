package dev.automap.workers.run;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.SwitchCase;
import dev.automap.definitions.model.SwitchStep;
import java.util.List;

/** {@code switch}: the first case whose value the field {@code on} equals, else the default. */
final class SwitchExecutor implements StepExecutor<SwitchStep> {
  private final RunScope run;

  SwitchExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, SwitchStep step) {
    List<Condition> conditions =
        step.cases().stream()
            .map(c -> (Condition) new FieldCondition(step.on(), Op.EQ, c.value()))
            .toList();
    List<Integer> holding = run.holds(step.id(), conditions);
    if (holding.isEmpty()) {
      run.record(step.id(), "default");
      return step.otherwise();
    }
    SwitchCase chosen = step.cases().get(holding.getFirst());
    run.record(step.id(), "case " + chosen.value());
    return chosen.next();
  }
}
