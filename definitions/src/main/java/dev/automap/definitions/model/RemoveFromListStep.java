package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Removes the contact from a list. */
@JsonClassDescription("Removes the contact from a list")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemoveFromListStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("list name") String list,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
