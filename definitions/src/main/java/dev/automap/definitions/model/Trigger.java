package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.definitions.conditions.Condition;

/** One way a contact enters a map: an event, a segment, a schedule or a date. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trigger(String event, Condition where) {}
