package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The status of an opportunity. */
public enum OpportunityStatus {
  @JsonProperty("open")
  OPEN,
  @JsonProperty("won")
  WON,
  @JsonProperty("lost")
  LOST,
  @JsonProperty("abandoned")
  ABANDONED
}
