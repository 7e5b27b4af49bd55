package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.EndStep;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.AfterAction;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.BooleanSupplier;

/**
 * The {@code end} right after an action, recorded by the action's own activity once the action is
 * done (history version 2): the enrollments table and the last step marks, so that no local
 * activity remains at the end. Asked only when nothing can lead the run elsewhere as it stands (one
 * path, not paused, no exit, goal jump, migration or event pending). Should the run hear something
 * while the action runs (a signal: pause, exit, an event, a migration), it holds the end first
 * ({@code engine.holdEnd}, a claim on the action's key that the activity's own claim meets): the
 * activity then records nothing and the run goes on as it decides, as before. When the activity
 * claimed first, the run had ended before it heard: it ends as recorded. Workflow code.
 */
final class EndAhead {
  private final RunScope run;

  /** Whether the run has events it heard and not yet handled (or is handling one). */
  private BooleanSupplier unhandled = () -> false;

  /** The end the last action's activity recorded; null when none. */
  private AfterAction.End recorded;

  EndAhead(RunScope run) {
    this.run = run;
  }

  /** Where the run keeps events not yet handled (the coordinator's inbox). */
  void unhandled(BooleanSupplier events) {
    unhandled = events;
  }

  /** The end the action's activity is asked to record; null unless it may. */
  AfterAction.End ask(ActionStep action) {
    if (!run.input.records(2)
        || action.next() == null
        || !(run.map.step(action.next()) instanceof EndStep end)
        || run.cursors.size() != 1
        || run.paused
        || run.ending()
        || run.goalJump != null
        || run.migrating()
        || unhandled.getAsBoolean()) {
      return null;
    }
    return new AfterAction.End(
        end.id(), run.selfId(), RunState.COMPLETED.value(), "reached " + end.id());
  }

  /**
   * Waits for the action asked to record {@code end}; holds the end first when the run hears
   * something meanwhile ({@code signals}: the count when the action was scheduled).
   */
  ActionResult await(
      Promise<ActionResult> action, Cursor cursor, int signals, String key, String stepId) {
    Workflow.await(() -> action.isCompleted() || diverted(cursor, signals));
    if (!action.isCompleted()) {
      try {
        RunStubs.engineLocal(stepId, "engine.holdEnd holds the end: the run heard something")
            .holdEnd(key, run.input.accountId(), run.input.contactId());
      } catch (ActivityFailure e) {
        // the store stayed away: the action's answer says whether it recorded the end
      }
    }
    return action.get();
  }

  /**
   * The action's activity recorded {@code end}: the run ends there. When it heard something since
   * the action was scheduled, it ends now, whatever it heard (the end was recorded before).
   */
  void ended(AfterAction.End end, Cursor cursor, int signals) {
    recorded = end;
    if (diverted(cursor, signals)) {
      run.end(end.reason());
    }
  }

  /** The end the last action recorded; null when it recorded none. */
  AfterAction.End recorded() {
    return recorded;
  }

  private boolean diverted(Cursor cursor, int signals) {
    return run.branchAhead.signals() != signals
        || run.paused
        || run.ending()
        || run.goalJump != null
        || run.migrating()
        || cursor.interrupted();
  }
}
