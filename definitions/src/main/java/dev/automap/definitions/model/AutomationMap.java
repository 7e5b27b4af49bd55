package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A marketer's map: triggers, enrollment rules and the steps a contact walks through. */
@JsonClassDescription(
    "An automation map: triggers, enrollment rules and the steps a contact walks through")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutomationMap(
    @JsonPropertyDescription("stable identifier, [a-z0-9][a-z0-9_-]{0,63}, unique per account")
        String key,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("what the map is for") String description,
    @JsonPropertyDescription("IANA zone for time-of-day waits; default UTC") String timezone,
    @JsonPropertyDescription("hours in which messages are held") QuietHours quietHours,
    @JsonPropertyDescription("ways a contact enters; empty = manual enrollment only")
        List<Trigger> triggers,
    @JsonPropertyDescription("who may enroll, how often, and what ends a run early")
        Enrollment enrollment,
    @JsonPropertyDescription("id of the first step") String start,
    @JsonPropertyDescription("the steps, each with a unique id and a type") List<Step> steps) {

  public AutomationMap {
    // nulls inside the lists are kept: the validator reports them with their index
    triggers =
        triggers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(triggers));
    steps = steps == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(steps));
  }

  /** The step with this id, or null. */
  public Step step(String id) {
    for (Step s : steps) {
      if (s != null && s.id() != null && s.id().equals(id)) {
        return s;
      }
    }
    return null;
  }

  public String timezoneOrUtc() {
    return timezone == null ? "UTC" : timezone;
  }

  public Enrollment enrollmentOrDefault() {
    return enrollment == null ? new Enrollment(null, null, null, null) : enrollment;
  }
}
