package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Creates or updates the contact's opportunity in a pipeline. */
@JsonClassDescription("Creates or updates the contact's opportunity in a pipeline")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpsertOpportunityStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("pipeline name") String pipeline,
    @JsonPropertyDescription("stage name") String stage,
    @JsonProperty("name") @JsonPropertyDescription("opportunity name (template)")
        String opportunityName,
    @JsonPropertyDescription("monetary value (template)") String value,
    @JsonPropertyDescription("open, won, lost or abandoned") OpportunityStatus status,
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
