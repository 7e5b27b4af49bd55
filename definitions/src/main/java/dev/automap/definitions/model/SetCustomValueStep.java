package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Sets an account custom value. */
@JsonClassDescription("Sets an account custom value")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetCustomValueStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonProperty("name") @JsonPropertyDescription("name of the account custom value")
        String customValue,
    @JsonPropertyDescription("template") String value,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {

  /** No label: this step's {@code name} field names what it sets. */
  @Override
  public String name() {
    return null;
  }
}
