package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a date wait does when its date is past or empty. */
public enum IfPast {
  @JsonProperty("continue")
  CONTINUE,
  @JsonProperty("end")
  END
}
