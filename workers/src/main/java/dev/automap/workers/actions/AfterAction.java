package dev.automap.workers.actions;

import dev.automap.definitions.conditions.Condition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an action's activity also does once the action is done, for runs on history version 2: the
 * conditions of the {@code branch} the run goes to next, judged on the contact's facts as the run's
 * own local activity would judge them a moment later; the answer comes back in {@link
 * ActionResult#holding()}, so that the run decides the branch without a local activity of its own
 * when nothing happened in between. Or the {@code end} the run goes to next: the activity records
 * it (the enrollments table, the step marks) once the action is done, unless the run held it first
 * because it heard something meanwhile ({@code engine.holdEnd}).
 *
 * @param branch the conditions of the branch step after the action, in order; null when none
 * @param end the end step after the action; null when none
 */
public record AfterAction(List<Condition> branch, End end) {

  public AfterAction(List<Condition> branch) {
    this(branch, null);
  }

  /**
   * The run's end, as the run would record it at its {@code end} step.
   *
   * @param workflowId the run's workflow ID
   * @param state {@code completed}
   * @param reason {@code reached <end step>}
   */
  public record End(String stepId, String workflowId, String state, String reason) {}

  /** Records a run's end after its last action, unless the run held it first. */
  public interface Ender {
    /**
     * Claims the end for the action's key and records it (counts {@code marks} first, then the
     * enrollments table); false, recording nothing, when the run held it first. A retry answers as
     * the first attempt and records nothing twice.
     */
    boolean endAfter(ActionRequest request, End end, dev.automap.workers.timeline.StepMarks marks);
  }

  /** Judges conditions on the contact's facts (the store's, or a preview's contact). */
  public interface Judge {
    /**
     * The indices of {@code conditions} that hold for the request's contact, with {@code vars} (the
     * run's after the action) and the request's event, at {@code now}.
     */
    List<Integer> holdingAfter(
        ActionRequest request, Map<String, Object> vars, Instant now, List<Condition> conditions);
  }

  /**
   * The run's vars once the action's output is kept, without null values: what the run's next
   * decision reads. The activity and the run work it out the same way.
   */
  public static Map<String, Object> varsAfter(
      Map<String, Object> vars, Map<String, Object> output) {
    Map<String, Object> merged = new LinkedHashMap<>();
    if (vars != null) {
      merged.putAll(vars);
    }
    if (output != null) {
      merged.putAll(output);
    }
    merged.values().removeIf(java.util.Objects::isNull);
    return merged;
  }
}
