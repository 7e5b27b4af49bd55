package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A marketer's map: triggers, enrollment rules and the steps a contact walks through. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutomationMap(
    String key,
    String name,
    String description,
    String timezone,
    List<Trigger> triggers,
    Enrollment enrollment,
    String start,
    List<Step> steps) {

  public AutomationMap {
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** The step with this id, or null. */
  public Step step(String id) {
    for (Step s : steps) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }

  public String timezoneOrUtc() {
    return timezone == null ? "UTC" : timezone;
  }
}
