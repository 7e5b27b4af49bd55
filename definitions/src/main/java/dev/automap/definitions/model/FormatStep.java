package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Formats a value and stores it in vars.&lt;name&gt;. */
@JsonClassDescription("Formats a value and stores it in vars.<name>")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormatStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonProperty("name") @JsonPropertyDescription("name of the variable") String variable,
    @JsonPropertyDescription("template") String input,
    @JsonPropertyDescription("upper, lower, title, trim, number:<pattern>, date:<pattern>")
        String as,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next)
    implements FlowStep {

  /** No label: this step's {@code name} field names what it sets. */
  @Override
  public String name() {
    return null;
  }
}
