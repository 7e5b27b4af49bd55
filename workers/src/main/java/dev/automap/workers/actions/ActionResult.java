package dev.automap.workers.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How an action came out, small enough for workflow history: ids, never whole records.
 *
 * @param outcome {@code done}, {@code unchanged} (nothing to do, or a repeat of a key already
 *     done), {@code skipped} or {@code suppressed} (a message DND or quiet hours held back)
 * @param detail what happened, in words, for the run's path and the contact's timeline
 * @param output values later steps use ({@code saveAs}), stored under {@code vars}
 * @param endsRun the action ended the contact's journey (the contact was deleted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionResult(
    String outcome, String detail, Map<String, Object> output, boolean endsRun) {

  public static ActionResult done(String detail) {
    return new ActionResult("done", detail, null, false);
  }

  public static ActionResult unchanged(String detail) {
    return new ActionResult("unchanged", detail, null, false);
  }

  /** Nothing to do for a reason worth telling (an owner already set, no appointment to change). */
  public static ActionResult skipped(String detail) {
    return new ActionResult("skipped", detail, null, false);
  }

  /** Done, and the contact's journey ends with it. */
  public static ActionResult doneEndingRun(String detail) {
    return new ActionResult("done", detail, null, true);
  }

  public ActionResult withOutput(Map<String, Object> values) {
    return new ActionResult(outcome, detail, values, endsRun);
  }
}
