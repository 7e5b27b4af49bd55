package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Stores a value in vars.&lt;name&gt;. */
@JsonClassDescription("Stores a value in vars.<name>")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetVarStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonProperty("name") @JsonPropertyDescription("name of the variable") String variable,
    @JsonPropertyDescription("template") String value,
    @JsonPropertyDescription("CEL expression") String cel,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next)
    implements FlowStep {

  /** No label: this step's {@code name} field names what it sets. */
  @Override
  public String name() {
    return null;
  }
}
