package dev.automap.workers.run;

import dev.automap.definitions.flow.Listens;
import dev.automap.definitions.model.EnrollStep;
import java.time.Instant;

/**
 * {@code enroll}: enrolls the contact in another automation; with {@code wait: true} the path holds
 * until that run signals its end.
 */
final class EnrollExecutor implements StepExecutor<EnrollStep> {
  private final RunScope run;

  EnrollExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, EnrollStep step) {
    String notify = step.waits() ? run.selfId() : null;
    EngineActivities.Enrolled enrolled =
        RunStubs.engine(step.id(), "engine.enroll in " + step.automation())
            .enroll(
                run.key(step),
                run.input.accountId(),
                step.automation(),
                run.input.contactId(),
                notify,
                run.event);
    if (enrolled.refused() != null) {
      run.record(step.id(), "not enrolled: " + enrolled.refused());
      return step.next();
    }
    if (!step.waits()) {
      run.record(step.id(), "enrolled in " + step.automation());
      return step.next();
    }
    return awaitEnd(cursor, step, enrolled.enrollmentId());
  }

  @Override
  public String resume(Cursor cursor, EnrollStep step, Instant until) {
    return awaitEnd(cursor, step, run.runOf(step.automation()));
  }

  private String awaitEnd(Cursor cursor, EnrollStep step, String workflowId) {
    Cursor.Woke woke =
        cursor.await(
            Wait.listening(
                step.id(),
                Listens.runEnd(workflowId),
                null,
                "the run " + workflowId + " to end",
                () -> false,
                "enroll " + step.automation(),
                run.summaryZone(null)));
    if (woke != Cursor.Woke.MATCHED) {
      return null;
    }
    run.record(step.id(), "enrolled in " + step.automation() + ", which ended");
    return step.next();
  }
}
