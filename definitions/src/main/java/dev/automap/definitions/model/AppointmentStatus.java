package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The status of an appointment. */
public enum AppointmentStatus {
  @JsonProperty("confirmed")
  CONFIRMED,
  @JsonProperty("cancelled")
  CANCELLED,
  @JsonProperty("showed")
  SHOWED,
  @JsonProperty("no_show")
  NO_SHOW,
  @JsonProperty("invalid")
  INVALID
}
