package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Where a run goes when an action fails after its retries: {@code end}, {@code continue} or a step
 * id.
 */
@JsonClassDescription("Where the run goes when the action fails after its retries")
public record OnError(
    @JsonPropertyDescription("end (default), continue, or a step id") String then) {

  public static final String END = "end";
  public static final String CONTINUE = "continue";

  /** The step id this names, or null for {@code end} and {@code continue}. */
  public String stepId() {
    return then == null || then.equals(END) || then.equals(CONTINUE) ? null : then;
  }
}
