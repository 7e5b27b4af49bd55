package dev.automap.workers.run;

import dev.automap.definitions.model.PauseEnrollmentStep;
import dev.automap.definitions.model.ResumeEnrollmentStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.UnenrollStep;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;

/**
 * {@code unenroll}, {@code pause_enrollment}, {@code resume_enrollment}: signal the contact's run
 * of another automation (exit, pause, resume); a contact with no such run goes on all the same.
 */
final class OtherRunExecutor implements StepExecutor<Step> {
  private final RunScope run;

  OtherRunExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, Step step) {
    return switch (step) {
      case UnenrollStep u -> {
        String reason = "unenrolled by " + run.map.key() + "/" + u.id();
        signal(u.id(), u.automation(), "exit", other -> other.exit(reason));
        yield u.next();
      }
      case PauseEnrollmentStep p -> {
        String reason = "paused by " + run.map.key() + "/" + p.id();
        signal(p.id(), p.automation(), "pause", other -> other.pause(reason));
        yield p.next();
      }
      case ResumeEnrollmentStep r -> {
        signal(r.id(), r.automation(), "resume", AutomationRun::resume);
        yield r.next();
      }
      default -> throw BadMap.at(step.id(), "not a step that steers another run");
    };
  }

  private void signal(
      String stepId,
      String automation,
      String signal,
      java.util.function.Consumer<AutomationRun> send) {
    try {
      send.accept(Workflow.newExternalWorkflowStub(AutomationRun.class, run.runOf(automation)));
      run.record(stepId, signal + " sent to " + automation);
    } catch (SignalExternalWorkflowException | ApplicationFailure e) {
      // the external workflow is not running: NOT_FOUND comes back as a failure of the command
      run.record(stepId, "no run in " + automation);
    }
  }
}
