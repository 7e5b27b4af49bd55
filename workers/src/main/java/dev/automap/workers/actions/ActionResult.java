package dev.automap.workers.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How an action came out, small enough for workflow history: ids, never whole records.
 *
 * @param outcome the {@link ActionOutcome#wire() wire name} of an {@link ActionOutcome}: {@code
 *     done}, {@code unchanged} (nothing to do, or a repeat of a key already done), {@code skipped}
 *     or {@code suppressed} (a message held back)
 * @param detail what happened, in words, for the run's path and the contact's timeline
 * @param output values later steps use ({@code saveAs}), stored under {@code vars}
 * @param endsRun the action ended the contact's journey (the contact was deleted)
 * @param holding when the run asked it ({@link AfterAction}): the indices of the conditions of the
 *     branch right after the action that held once the action was done, in order; null otherwise
 * @param ended when the run asked it ({@link AfterAction.End}): true when the activity recorded the
 *     run's end once the action was done; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(
    String outcome,
    String detail,
    Map<String, Object> output,
    boolean endsRun,
    java.util.List<Integer> holding,
    Boolean ended) {

  public ActionResult(String outcome, String detail, Map<String, Object> output, boolean endsRun) {
    this(outcome, detail, output, endsRun, null, null);
  }

  /** A result with this outcome (a factory, so JSON keeps the one canonical constructor). */
  public static ActionResult of(
      ActionOutcome outcome, String detail, Map<String, Object> output, boolean endsRun) {
    return new ActionResult(outcome.wire(), detail, output, endsRun);
  }

  public static ActionResult done(String detail) {
    return of(ActionOutcome.DONE, detail, null, false);
  }

  public static ActionResult unchanged(String detail) {
    return of(ActionOutcome.UNCHANGED, detail, null, false);
  }

  /** Nothing to do for a reason worth telling (an owner already set, no appointment to change). */
  public static ActionResult skipped(String detail) {
    return of(ActionOutcome.SKIPPED, detail, null, false);
  }

  /** A message held back (see {@link ActionOutcome#SUPPRESSED}). */
  public static ActionResult suppressed(String detail) {
    return of(ActionOutcome.SUPPRESSED, detail, null, false);
  }

  /** Done, and the contact's journey ends with it. */
  public static ActionResult doneEndingRun(String detail) {
    return of(ActionOutcome.DONE, detail, null, true);
  }

  /** Whether the action came out this way. */
  public boolean is(ActionOutcome expected) {
    return expected.wire().equals(outcome);
  }

  public ActionResult withOutput(Map<String, Object> values) {
    return new ActionResult(outcome, detail, values, endsRun, holding, ended);
  }

  /** This result, telling which conditions of the branch after the action held. */
  public ActionResult withHolding(java.util.List<Integer> indices) {
    return new ActionResult(outcome, detail, output, endsRun, indices, ended);
  }

  /** This result, telling that the activity recorded the run's end after the action. */
  public ActionResult withEnded() {
    return new ActionResult(outcome, detail, output, endsRun, holding, true);
  }

  /** Whether the activity recorded the run's end after the action ({@link AfterAction.End}). */
  public boolean endRecorded() {
    return Boolean.TRUE.equals(ended);
  }
}
