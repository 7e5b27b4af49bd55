package dev.automap.definitions.validation;

import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Problem;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.WaitStep;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a parsed map and returns every problem at once, each with its JSON Pointer. */
public final class MapValidator {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_?.-]{1,64}");

  public List<Problem> validate(AutomationMap map) {
    List<Problem> problems = new ArrayList<>();
    if (map.key() == null) {
      problems.add(new Problem("/key", "required"));
    } else if (!KEY.matcher(map.key()).matches()) {
      problems.add(new Problem("/key", "must match [a-z0-9][a-z0-9_-]{0,63}"));
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < map.steps().size(); i++) {
      Step step = map.steps().get(i);
      String at = "/steps/" + i;
      if (step.id() == null) {
        problems.add(new Problem(at + "/id", "required"));
      } else if (!STEP_ID.matcher(step.id()).matches()) {
        problems.add(new Problem(at + "/id", "must match [A-Za-z0-9_?.-]{1,64}"));
      } else if (!ids.add(step.id())) {
        problems.add(new Problem(at + "/id", "duplicate step id \"" + step.id() + "\""));
      }
    }
    if (map.steps().isEmpty()) {
      problems.add(new Problem("/steps", "a map needs at least one step"));
    }
    if (map.start() == null) {
      problems.add(new Problem("/start", "required"));
    } else if (!ids.contains(map.start())) {
      problems.add(new Problem("/start", "no step \"" + map.start() + "\""));
    }
    for (int i = 0; i < map.steps().size(); i++) {
      Step step = map.steps().get(i);
      String at = "/steps/" + i;
      if (step.next() != null && !ids.contains(step.next())) {
        problems.add(new Problem(at + "/next", "no step \"" + step.next() + "\""));
      }
      switch (step) {
        case WaitStep w -> {
          if (w.duration() == null) {
            problems.add(new Problem(at + "/duration", "required"));
          } else if (w.duration().isNegative()) {
            problems.add(new Problem(at + "/duration", "must not be negative"));
          }
        }
        case AddTagsStep t -> {
          if (t.tags() == null || t.tags().isEmpty()) {
            problems.add(new Problem(at + "/tags", "at least one tag"));
          }
        }
        default -> {}
      }
    }
    return problems;
  }
}
