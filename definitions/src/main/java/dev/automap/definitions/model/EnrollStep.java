package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Enrolls the contact in another automation. */
@JsonClassDescription("Enrolls the contact in another automation")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("key of the automation") String automation,
    @JsonProperty("wait") @JsonPropertyDescription("hold here until that run ends; default false")
        Boolean waitForRun,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next)
    implements FlowStep {

  public boolean waits() {
    return Boolean.TRUE.equals(waitForRun);
  }
}
