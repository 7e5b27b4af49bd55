package dev.automap.workers.routing;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import java.util.HashSet;
import java.util.Set;

/**
 * Which events a run of a map can react to: the types its goals, {@code wait_for} steps and exit
 * criteria name, {@code contact.updated} for waits on a date field, the end of runs it waits for;
 * any event at all when it has a condition that is re-checked on every event. A run that listens
 * for nothing is not signalled, which keeps its history to what it does.
 */
public record Listening(boolean everything, Set<String> types) {
  static final Listening NOTHING = new Listening(false, Set.of());

  public boolean hears(String type) {
    return everything || types.contains(type);
  }

  public static Listening of(AutomationMap map) {
    Set<String> types = new HashSet<>();
    boolean[] everything = {false};
    var enrollment = map.enrollment();
    if (enrollment != null) {
      enrollment.exitWhenOrEmpty().forEach(m -> add(m, types, everything));
      if (enrollment.exitsWhenAudienceUnmet() && enrollment.audience() != null) {
        everything[0] = true;
      }
    }
    for (Step step : map.steps()) {
      switch (step) {
        case GoalStep g when g.when() != null -> add(g.when(), types, everything);
        case WaitForStep w when w.event() != null -> types.add(w.event().event());
        case WaitForStep w when w.condition() != null -> everything[0] = true;
        case WaitStep w when w.untilField() != null -> types.add("contact.updated");
        case EnrollStep e when e.waits() -> {
          types.add("automation.completed");
          types.add("automation.exited");
        }
        default -> {
          // steps that hear no event
        }
      }
    }
    return everything[0] || !types.isEmpty()
        ? new Listening(everything[0], Set.copyOf(types))
        : NOTHING;
  }

  private static void add(Match match, Set<String> types, boolean[] everything) {
    switch (match) {
      case Match.OnEvent e -> types.add(e.event().event());
      case Match.OnCondition c -> everything[0] = true;
    }
  }
}
