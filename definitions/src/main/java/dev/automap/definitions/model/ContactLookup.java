package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How {@code find_contact} finds a contact: by email, by phone, or by a field's value. */
@JsonClassDescription("Exactly one of email, phone or field (with value); values are templates")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactLookup(
    String email,
    String phone,
    @JsonPropertyDescription("path of a contact field, e.g. contact.fields.customerId")
        String field,
    @JsonPropertyDescription("the value the field must have (template)") String value) {}
