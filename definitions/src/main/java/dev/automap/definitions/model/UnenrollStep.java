package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Ends the contact's run in another automation. */
@JsonClassDescription("Ends the contact's run in another automation")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnenrollStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("key of the automation") String automation,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next)
    implements FlowStep {}
