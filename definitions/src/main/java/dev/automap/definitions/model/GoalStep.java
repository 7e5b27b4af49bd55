package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A goal: when met from enrollment on, the contact jumps here. */
@JsonClassDescription("A goal: when met from enrollment on, the contact jumps here")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GoalStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("event match or condition") Match when,
    @JsonPropertyDescription("reached unmet: end (default), continue or wait") IfUnmet ifUnmet,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next)
    implements FlowStep {

  public IfUnmet ifUnmetOrDefault() {
    return ifUnmet == null ? IfUnmet.END : ifUnmet;
  }
}
