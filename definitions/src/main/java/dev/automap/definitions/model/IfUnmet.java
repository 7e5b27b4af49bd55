package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a goal step does when a contact reaches it without meeting it. */
public enum IfUnmet {
  @JsonProperty("end")
  END,
  @JsonProperty("continue")
  CONTINUE,
  @JsonProperty("wait")
  WAIT
}
