package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.MessageStep;
import dev.automap.definitions.model.OnError;
import dev.automap.definitions.model.StepTypes;
import dev.automap.workers.actions.ActionPolicy;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.AfterAction;
import dev.automap.workers.timeline.StepMarks;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Every action step: a message first waits out the map's quiet hours; then the action is one
 * activity (named by its type, with its type's retry policy) whose idempotency key makes retries
 * and replays harmless; a failure leads where {@code onError} says.
 */
final class ActionExecutor implements StepExecutor<ActionStep> {
  private final RunScope run;

  ActionExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, ActionStep step) {
    run.awaitNotPaused(cursor);
    if (cursor.interrupted()) {
      return null;
    }
    if (step instanceof MessageStep && !holdForQuietHours(cursor, step)) {
      return null;
    }
    if (!run.lean) {
      // lean runs show only where they wait: an upsert per action doubled what a short action costs
      run.shown.show(RunState.RUNNING, step.id());
    }
    String type = StepTypes.nameOf(step.getClass());
    ActionRequest request =
        new ActionRequest(
            run.key(step),
            run.input.accountId(),
            run.input.contactId(),
            run.input.automationKey(),
            step.id(),
            RunScope.nonNull(run.vars),
            run.event);
    ActionResult result;
    // the step marks not yet told go with the action: its worker counts them first; before a
    // wait, the marks of the action's leaving and the wait's entering too, counted on success
    StepMarks marks = run.marks.take();
    // history version 2: an end right after the action is recorded by its activity (its marks
    // with it), a branch right after it judged there
    AfterAction.End end = run.endAhead.ask(step);
    StepMarks onSuccess = run.marks.toldOnSuccess(step, end);
    AfterAction after = end != null ? new AfterAction(null, end) : run.branchAhead.ask(step);
    int signals = run.branchAhead.signals();
    try {
      result = perform(cursor, type, request, step, marks, onSuccess, after, signals);
    } catch (ActivityFailure failure) {
      run.marks.untold(marks);
      run.record(step.id(), "failed: " + rootMessage(failure));
      return afterError(step);
    }
    if (onSuccess != null && !result.endsRun() && (end == null || result.endRecorded())) {
      run.marks.told(onSuccess);
    }
    if (end != null && result.endRecorded()) {
      run.endAhead.ended(end, cursor, signals);
    }
    run.record(
        step.id(),
        result.detail() == null ? result.outcome() : result.outcome() + ": " + result.detail());
    if (result.output() != null) {
      run.vars.putAll(result.output());
    }
    if (after != null) {
      run.branchAhead.answered(step, request, signals, result);
    }
    if (result.endsRun()) {
      run.end(step.id() + " ended the journey");
      return null;
    }
    return step.next();
  }

  /** The action's activity, with what it tells and judges beside the action (none: no argument). */
  private ActionResult perform(
      Cursor cursor,
      String type,
      ActionRequest request,
      ActionStep step,
      StepMarks marks,
      StepMarks onSuccess,
      AfterAction after,
      int signals) {
    var options =
        ActionPolicy.forType(type).activityOptions().toBuilder()
            .setSummary(ActionSummary.of(step))
            .build();
    var stub = Workflow.newUntypedActivityStub(options);
    if (after != null && after.end() != null) {
      var action =
          stub.executeAsync(type, ActionResult.class, request, step, marks, onSuccess, after);
      return run.endAhead.await(action, cursor, signals, request.idempotencyKey(), step.id());
    }
    if (after != null) {
      return stub.execute(type, ActionResult.class, request, step, marks, onSuccess, after);
    }
    if (onSuccess != null) {
      return stub.execute(type, ActionResult.class, request, step, marks, onSuccess);
    }
    return marks == null
        ? stub.execute(type, ActionResult.class, request, step)
        : stub.execute(type, ActionResult.class, request, step, marks);
  }

  /**
   * Holds a message while the map's quiet hours last (in their zone, the contact's with {@code
   * "contact"}); false when the cursor was interrupted or parked meanwhile.
   */
  private boolean holdForQuietHours(Cursor cursor, ActionStep step) {
    var quiet = run.map.quietHours();
    if (quiet == null) {
      return true;
    }
    Instant until =
        WaitTimes.quietUntil(
            quiet.from(), quiet.to(), run.zone(step.id(), quiet.timezone(), null), RunScope.now());
    if (until == null) {
      return true;
    }
    Cursor.Woke woke =
        cursor.hold(
            step.id(),
            until,
            "the end of quiet hours at " + until,
            "quiet hours",
            run.summaryZone(quiet.timezone()));
    if (woke == Cursor.Woke.PARKED) {
      // it goes on at this step after continue-as-new: the message is then checked again
      cursor.park(RunMemory.Position.before(step.id()));
    }
    return woke == Cursor.Woke.REACHED;
  }

  /**
   * {@code onError}: {@code end} (the default) ends the run, {@code continue} goes on, or a step.
   */
  private String afterError(ActionStep step) {
    OnError onError = step.onError();
    String then = onError == null || onError.then() == null ? OnError.END : onError.then();
    return switch (then) {
      case OnError.END -> {
        run.fail(step.id() + " failed");
        yield null;
      }
      case OnError.CONTINUE -> step.next();
      default -> then;
    };
  }

  /**
   * What went wrong, never empty: the message of the innermost {@link ApplicationFailure} that has
   * one, else the kind of timeout, else the innermost message, else the failure's kind.
   */
  static String rootMessage(Throwable t) {
    String application = null;
    String timeout = null;
    String any = null;
    for (Throwable cause = t; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure app && !blank(app.getOriginalMessage())) {
        application = app.getOriginalMessage();
      } else if (cause instanceof TimeoutFailure timedOut) {
        timeout = "timed out (" + timeoutKind(timedOut.getTimeoutType()) + ")";
      } else if (cause instanceof TemporalFailure failure && !blank(failure.getOriginalMessage())) {
        any = failure.getOriginalMessage();
      } else if (!(cause instanceof TemporalFailure) && !blank(cause.getMessage())) {
        any = cause.getMessage();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (application != null) {
      return application;
    }
    if (timeout != null) {
      return timeout;
    }
    if (any != null) {
      return any;
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof ApplicationFailure app && !blank(app.getType())
        ? app.getType()
        : root.getClass().getSimpleName();
  }

  private static String timeoutKind(TimeoutType type) {
    return switch (type) {
      case TIMEOUT_TYPE_START_TO_CLOSE -> "start to close";
      case TIMEOUT_TYPE_SCHEDULE_TO_START -> "schedule to start";
      case TIMEOUT_TYPE_SCHEDULE_TO_CLOSE -> "schedule to close";
      case TIMEOUT_TYPE_HEARTBEAT -> "heartbeat";
      default -> String.valueOf(type);
    };
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
