package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.DripStep;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.FlowStep;
import dev.automap.definitions.model.ForkStep;
import dev.automap.definitions.model.FormatStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.PauseEnrollmentStep;
import dev.automap.definitions.model.ResumeEnrollmentStep;
import dev.automap.definitions.model.SetVarStep;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.UnenrollStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import java.time.Instant;

/** The executor of each step type: one per flow step type, one for every action. */
final class Steps {
  private final WaitExecutor wait;
  private final WaitForExecutor waitFor;
  private final BranchExecutor branch;
  private final SwitchExecutor switchOn;
  private final SplitExecutor split;
  private final GoalExecutor goal;
  private final ForkExecutor fork;
  private final DripExecutor drip;
  private final EnrollExecutor enroll;
  private final OtherRunExecutor otherRun;
  private final SetVarExecutor setVar;
  private final FormatExecutor format;
  private final EndExecutor end;
  private final ActionExecutor actions;

  Steps(RunScope run) {
    wait = new WaitExecutor(run);
    waitFor = new WaitForExecutor(run);
    branch = new BranchExecutor(run);
    switchOn = new SwitchExecutor(run);
    split = new SplitExecutor(run);
    goal = new GoalExecutor(run);
    fork = new ForkExecutor(run);
    drip = new DripExecutor(run);
    enroll = new EnrollExecutor(run);
    otherRun = new OtherRunExecutor(run);
    setVar = new SetVarExecutor(run);
    format = new FormatExecutor(run);
    end = new EndExecutor(run);
    actions = new ActionExecutor(run);
  }

  /** Does the step; the id of the next step, or null when the path stops. */
  String execute(Cursor cursor, Step step) {
    return switch (step) {
      case FlowStep flow -> flow(cursor, flow);
      case ActionStep action -> actions.execute(cursor, action);
    };
  }

  /** Goes on inside a step the path was parked in (see {@link StepExecutor#resume}). */
  String resume(Cursor cursor, Step step, Instant until) {
    return switch (step) {
      case WaitStep w -> wait.resume(cursor, w, until);
      case DripStep d -> drip.resume(cursor, d, until);
      case WaitForStep w -> waitFor.resume(cursor, w, until);
      case GoalStep g -> goal.resume(cursor, g, until);
      case EnrollStep e -> enroll.resume(cursor, e, until);
      default -> throw BadMap.at(step.id(), "cannot resume inside a step of this type");
    };
  }

  private String flow(Cursor cursor, FlowStep step) {
    return switch (step) {
      case WaitStep w -> wait.execute(cursor, w);
      case WaitForStep w -> waitFor.execute(cursor, w);
      case BranchStep b -> branch.execute(cursor, b);
      case SwitchStep s -> switchOn.execute(cursor, s);
      case SplitStep s -> split.execute(cursor, s);
      case GoalStep g -> goal.execute(cursor, g);
      case ForkStep f -> fork.execute(cursor, f);
      case DripStep d -> drip.execute(cursor, d);
      case EnrollStep e -> enroll.execute(cursor, e);
      case UnenrollStep u -> otherRun.execute(cursor, u);
      case PauseEnrollmentStep p -> otherRun.execute(cursor, p);
      case ResumeEnrollmentStep r -> otherRun.execute(cursor, r);
      case SetVarStep s -> setVar.execute(cursor, s);
      case FormatStep f -> format.execute(cursor, f);
      case EndStep e -> end.execute(cursor, e);
    };
  }
}
