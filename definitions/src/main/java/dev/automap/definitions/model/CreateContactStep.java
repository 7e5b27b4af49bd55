package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Creates a contact (or finds it by email/phone) and saves its id in vars. */
@JsonClassDescription("Creates a contact (or finds it by email/phone) and saves its id in vars")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateContactStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("the new contact; strings are templates") NewContact contact,
    @JsonPropertyDescription("vars name that receives the contact id") String saveAs,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
