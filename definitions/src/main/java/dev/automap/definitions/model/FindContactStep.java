package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Finds a contact and saves its id in vars (empty when none). */
@JsonClassDescription("Finds a contact and saves its id in vars (empty when none)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindContactStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("one of email, phone or field + value") ContactLookup by,
    @JsonPropertyDescription("vars name that receives the contact id") String saveAs,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
