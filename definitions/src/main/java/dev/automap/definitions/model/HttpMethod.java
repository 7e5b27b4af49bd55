package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The method of a webhook call. */
public enum HttpMethod {
  @JsonProperty("GET")
  GET,
  @JsonProperty("POST")
  POST,
  @JsonProperty("PUT")
  PUT,
  @JsonProperty("PATCH")
  PATCH,
  @JsonProperty("DELETE")
  DELETE
}
