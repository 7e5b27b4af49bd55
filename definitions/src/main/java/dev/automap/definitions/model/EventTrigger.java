package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.automap.definitions.conditions.Condition;

/** Enrolls when an event of this type about the contact is ingested and {@code where} holds. */
@JsonClassDescription(
    "Enrolls when an event of this type about the contact is ingested and `where` holds")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventTrigger(
    @JsonPropertyDescription("event type, e.g. form.submitted") String event,
    @JsonPropertyDescription("condition on the event and the contact") Condition where)
    implements Trigger {}
