package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a contact may enter a map again. */
public enum Reenroll {
  /** At most once, ever. */
  @JsonProperty("never")
  NEVER,
  /** Again once the previous run has ended. */
  @JsonProperty("after_exit")
  AFTER_EXIT
}
