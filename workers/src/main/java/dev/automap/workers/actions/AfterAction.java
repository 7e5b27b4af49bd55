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
 * when nothing happened in between.
 *
 * @param branch the conditions of the branch step after the action, in order
 */
public record AfterAction(List<Condition> branch) {

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
