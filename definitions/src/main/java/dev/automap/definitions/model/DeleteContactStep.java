package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Deletes the contact; the run ends after it. */
@JsonClassDescription("Deletes the contact; the run ends after it")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteContactStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {

  @Override
  public String next() {
    return null;
  }
}
