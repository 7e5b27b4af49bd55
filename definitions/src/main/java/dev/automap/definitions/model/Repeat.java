package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a date trigger fires once or on every anniversary. */
public enum Repeat {
  @JsonProperty("none")
  NONE,
  @JsonProperty("yearly")
  YEARLY
}
