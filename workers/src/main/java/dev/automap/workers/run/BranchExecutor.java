package dev.automap.workers.run;

import dev.automap.definitions.model.Branch;
import dev.automap.definitions.model.BranchStep;
import java.util.List;

/** {@code branch}: the first branch whose condition holds, else {@code otherwise}. */
final class BranchExecutor implements StepExecutor<BranchStep> {
  private final RunScope run;

  BranchExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, BranchStep step) {
    List<Integer> holding = run.branchAhead.holds(step);
    if (holding.isEmpty()) {
      run.record(step.id(), "else");
      return step.otherwise();
    }
    Branch chosen = step.branches().get(holding.getFirst());
    run.record(step.id(), "branch " + (chosen.name() == null ? holding.getFirst() : chosen.name()));
    return chosen.next();
  }
}
