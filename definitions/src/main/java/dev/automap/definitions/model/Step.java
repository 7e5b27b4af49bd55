package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One step of a map. Flow steps steer and are decided inside the workflow; action steps do
 * something and each runs as one idempotent activity.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WaitStep.class, name = "wait"),
  @JsonSubTypes.Type(value = EndStep.class, name = "end"),
  @JsonSubTypes.Type(value = AddTagsStep.class, name = "add_tags"),
})
public sealed interface Step permits FlowStep, ActionStep {
  String id();

  String name();

  /** The step after this one; null ends this path. */
  String next();
}
