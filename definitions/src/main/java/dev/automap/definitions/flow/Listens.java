package dev.automap.definitions.flow;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Not;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import java.util.List;

/**
 * What a run of a map listens to, in one place: the router signals a run only with the events its
 * map can hear, and the run judges each event it is signalled against the same matches. Exits apply
 * all along; a step's matches apply while a path waits on it.
 */
public final class Listens {
  /** The event a wait on a date field hears when the field may have changed. */
  public static final String FIELD_CHANGES = "contact.updated";

  public static final String RUN_COMPLETED = "automation.completed";
  public static final String RUN_EXITED = "automation.exited";

  private Listens() {}

  /** The map's {@code exitWhen} matches. */
  public static List<Match> exits(AutomationMap map) {
    var enrollment = map.enrollment();
    return enrollment == null ? List.of() : enrollment.exitWhenOrEmpty();
  }

  /**
   * The condition that ends a run because the contact left the map's audience (judged on every
   * event), or null when the map does not exit on that.
   */
  public static Condition leftAudience(AutomationMap map) {
    var enrollment = map.enrollment();
    if (enrollment == null
        || !enrollment.exitsWhenAudienceUnmet()
        || enrollment.audience() == null) {
      return null;
    }
    return new Not(enrollment.audience());
  }

  /** What a step can hear while a path waits on it; empty for steps that hear no event. */
  public static List<Match> ofStep(Step step) {
    return switch (step) {
      case GoalStep g when g.when() != null -> List.of(g.when());
      case WaitForStep w when w.event() != null || w.condition() != null -> List.of(waitFor(w));
      case WaitStep w when w.untilField() != null ->
          List.of(Match.of(new EventMatch(FIELD_CHANGES, null, null)));
      case EnrollStep e when e.waits() -> runEnd((Condition) null);
      default -> List.of();
    };
  }

  /** A {@code wait_for}'s match: its event, else its condition. */
  public static Match waitFor(WaitForStep step) {
    return step.event() != null ? Match.of(step.event()) : Match.of(step.condition());
  }

  /** The end of the run {@code workflowId}, which an {@code enroll} step with a wait awaits. */
  public static List<Match> runEnd(String workflowId) {
    return runEnd(new FieldCondition("event.data.workflowId", Op.EQ, TextNode.valueOf(workflowId)));
  }

  private static List<Match> runEnd(Condition ofThatRun) {
    return List.of(
        Match.of(new EventMatch(RUN_COMPLETED, ofThatRun, null)),
        Match.of(new EventMatch(RUN_EXITED, ofThatRun, null)));
  }

  /** A match in words, for the run's status and path. */
  public static String describe(Match match) {
    return switch (match) {
      case Match.OnEvent e ->
          "event "
              + e.event().event()
              + (e.event().fromStep() == null ? "" : " from " + e.event().fromStep());
      case Match.OnCondition c -> "a condition";
    };
  }
}
