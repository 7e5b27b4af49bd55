package dev.automap.workers.run;

import dev.automap.workers.timeline.StepMarks;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run ends: it records its end in the enrollments table, shows it (search attributes and
 * details) and tells the run that waits for it, in an order recorded histories replay.
 */
final class RunEnd {
  private final RunScope run;

  RunEnd(RunScope run) {
    this.run = run;
  }

  /** Ends the run once every path has ended; {@code lastStep} is where the last path stood. */
  RunOutcome finish(String lastStep) {
    // the last action's activity recorded the end (history version 2): the run ended there
    var recorded = run.endAhead.recorded();
    boolean exited = recorded == null && run.exitReason != null;
    // what the run told its parent and its outcome before runs could end as failed
    RunState told = RunState.ended(exited);
    String reason = recorded != null ? recorded.reason() : exited ? run.exitReason : run.endReason;
    run.cursors.clear();
    StepMarks marks = endMarks(lastStep);
    // runs recorded before the enrollments table learned how runs end do not record it on replay;
    // version 2 records a failed end as failed and shows the end (a search attribute upsert)
    int version = run.recordFinishVersion();
    RunState state = version >= 2 ? RunState.ended(exited, run.failed && recorded == null) : told;
    // recorded already: a local activity only for marks made since (a goal jump heard meanwhile)
    if (version >= 1 && (recorded == null || marks != null)) {
      try {
        RunStubs.engineLocal(
                lastStep == null ? "end" : lastStep, "engine.finish records " + state.value())
            .finish(run.selfId(), state.value(), reason, RunScope.now(), marks);
      } catch (ActivityFailure e) {
        // the store stayed away: the enrollment reconciler records the end from this result
      }
    }
    if (version >= 2) {
      // after the local activity: the upsert then goes out with the run's completion, in the
      // same workflow task
      show(state, reason == null ? "every path reached its end" : reason, lastStep);
    }
    // a parent waiting on automation.completed|exited hears what it heard before: a failed run
    // ended, and its failure is told by its own state
    notifyParent(told);
    RunLog.at(run.input.contactId(), lastStep);
    RunLog.LOG.info("run ended: {}{}", state.value(), reason == null ? "" : " (" + reason + ")");
    return new RunOutcome(state.value(), reason, lastStep);
  }

  /**
   * A map the run cannot follow fails the workflow; before it does, runs started since version 2
   * show the failed end and record it in the enrollments table (older ones replay as they were).
   */
  void failBadMap(ApplicationFailure failure) {
    if (run.recordFinishVersion() < 2) {
      return;
    }
    // where the path stood when it could not go on, else the step the failure names
    String at = run.cursors.isEmpty() ? BadMap.step(failure) : run.cursors.getLast().step();
    String reason = ActionExecutor.rootMessage(failure);
    run.cursors.clear();
    StepMarks marks = endMarks(at);
    try {
      RunStubs.engineLocal(at == null ? "end" : at, "engine.finish records failed")
          .finish(run.selfId(), RunState.FAILED.value(), reason, RunScope.now(), marks);
    } catch (ActivityFailure e) {
      // the store stayed away: the enrollment reconciler records the end from the failure
    }
    show(RunState.FAILED, reason, at);
  }

  /**
   * The step marks the end's own local activity tells, for runs on history version 1 (one local
   * activity records the end and counts them); null for older runs, which tell them in a local
   * activity of their own first, as recorded.
   */
  private StepMarks endMarks(String lastStep) {
    if (run.input.records(1)) {
      return run.marks.take();
    }
    run.marks.flush(lastStep == null ? "end" : lastStep);
    return null;
  }

  /** Shows the end: {@code RunState} set for good, details "Ended: state, reason, at step". */
  private void show(RunState state, String reason, String atStep) {
    run.paused = false;
    run.shown.show(state, atStep != null ? atStep : run.shown.step());
    String text =
        "Ended: " + state.value() + ", " + reason + (atStep == null ? "" : ", at " + atStep);
    run.shown.details(text);
  }

  /** Signals the run that waits for this one (an {@code enroll}) how it ended. */
  private void notifyParent(RunState state) {
    if (run.input.notifyWorkflowId() == null) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workflowId", run.selfId());
    data.put("automationKey", run.input.automationKey());
    data.put("state", state.value());
    var info = Workflow.getInfo();
    Map<String, Object> ended = new LinkedHashMap<>();
    ended.put("id", info.getWorkflowId() + "/" + info.getRunId() + "/" + state.value());
    ended.put("type", "automation." + state.value());
    ended.put("contactId", run.input.contactId());
    ended.put("occurredAt", RunScope.now().toString());
    ended.put("data", data);
    try {
      Workflow.newExternalWorkflowStub(AutomationRun.class, run.input.notifyWorkflowId())
          .event(ended);
    } catch (SignalExternalWorkflowException | ApplicationFailure e) {
      // the waiting run has ended meanwhile: nobody to tell
    }
  }
}
