package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a notification reaches a user. */
public enum NotifyChannel {
  @JsonProperty("email")
  EMAIL,
  @JsonProperty("sms")
  SMS,
  @JsonProperty("in_app")
  IN_APP
}
