package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Ends the run. */
@JsonClassDescription("Ends the run")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndStep(String id, String name) implements FlowStep {

  @Override
  public String next() {
    return null;
  }
}
