package dev.automap.workers.routing;

import dev.automap.definitions.flow.Listens;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.Step;
import java.util.HashSet;
import java.util.Set;

/**
 * Which events a run of a map can react to: the types its goals, {@code wait_for} steps and exit
 * criteria name, {@code contact.updated} for waits on a date field, the end of runs it waits for;
 * any event at all when it has a condition that is re-checked on every event. A run that listens
 * for nothing is not signalled, which keeps its history to what it does. Derived from {@link
 * Listens}, which the run judges its events by.
 */
public record Listening(boolean everything, Set<String> types) {
  static final Listening NOTHING = new Listening(false, Set.of());

  public boolean hears(String type) {
    return everything || types.contains(type);
  }

  public static Listening of(AutomationMap map) {
    Set<String> types = new HashSet<>();
    boolean[] everything = {Listens.leftAudience(map) != null};
    Listens.exits(map).forEach(m -> add(m, types, everything));
    for (Step step : map.steps()) {
      Listens.ofStep(step).forEach(m -> add(m, types, everything));
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
