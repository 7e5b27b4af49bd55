package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import dev.automap.definitions.conditions.Condition;

/** Enrolls when the contact starts to meet the condition. */
@JsonClassDescription(
    "Enrolls when the contact starts to meet the condition (checked whenever the contact changes)")
public record SegmentTrigger(Condition segment) implements Trigger {}
