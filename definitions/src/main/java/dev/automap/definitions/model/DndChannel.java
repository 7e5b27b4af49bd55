package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A channel do-not-disturb applies to. */
public enum DndChannel {
  @JsonProperty("email")
  EMAIL,
  @JsonProperty("sms")
  SMS,
  @JsonProperty("whatsapp")
  WHATSAPP,
  @JsonProperty("all")
  ALL
}
