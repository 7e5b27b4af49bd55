package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Enrollment rules of a map. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Enrollment(Reenroll reenroll) {

  public Reenroll reenrollOrDefault() {
    return reenroll == null ? Reenroll.NEVER : reenroll;
  }
}
