package dev.automap.workers.run;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.Branch;
import dev.automap.definitions.model.BranchStep;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.AfterAction;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A branch right after an action, judged by the action's own activity once the action is done
 * (history version 2): the branch then decides from that answer, without a local activity, when
 * nothing that could change it happened in between: the same path goes from the action straight to
 * the branch, the run heard no signal (a pause, an event, an exit) since the action was scheduled,
 * and the branch would judge the same vars and event. Otherwise the branch asks its local activity
 * as before. Workflow code: what it decides is replayed.
 */
final class BranchAhead {
  private final RunScope run;

  /** The answer for the next visit of a branch; null when none is pending. */
  private Answer pending;

  /** How many signals the run has heard (pause, resume, exit, event, migrate). */
  private int heard;

  private record Answer(
      String branchId,
      int visit,
      int heard,
      Map<String, Object> vars,
      Map<String, Object> event,
      List<Integer> holding) {}

  BranchAhead(RunScope run) {
    this.run = run;
  }

  /** The run heard a signal: an answer judged before it no longer stands. */
  void heard() {
    heard++;
  }

  /** The count of signals heard so far, taken when an action is scheduled. */
  int signals() {
    return heard;
  }

  /** What the action's activity is asked to judge; null unless its next step is a branch. */
  AfterAction ask(ActionStep action) {
    pending = null;
    if (!run.input.records(2) || action.next() == null) {
      return null;
    }
    return run.map.step(action.next()) instanceof BranchStep branch
        ? new AfterAction(conditions(branch))
        : null;
  }

  /**
   * Keeps what the action's activity answered: {@code heard} is the count of signals when the
   * action was scheduled, {@code request} what it was scheduled with.
   */
  void answered(ActionStep action, ActionRequest request, int heard, ActionResult result) {
    if (result.holding() == null || result.endsRun()) {
      return;
    }
    pending =
        new Answer(
            action.next(),
            run.visits.getOrDefault(action.next(), 0) + 1,
            heard,
            AfterAction.varsAfter(request.vars(), result.output()),
            request.event(),
            List.copyOf(result.holding()));
  }

  /**
   * The conditions of {@code branch} that hold: the action's answer when it still stands, else the
   * local activity's.
   */
  List<Integer> holds(BranchStep branch) {
    Answer answer = pending;
    pending = null;
    if (answer != null
        && answer.branchId().equals(branch.id())
        && answer.visit() == run.visits.getOrDefault(branch.id(), 0)
        && answer.heard() == heard
        && answer.vars().equals(RunScope.nonNull(run.vars))
        && Objects.equals(answer.event(), run.event)) {
      return answer.holding();
    }
    return run.holds(branch.id(), conditions(branch));
  }

  static List<Condition> conditions(BranchStep branch) {
    return branch.branches().stream().map(Branch::when).toList();
  }
}
