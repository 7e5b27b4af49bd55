package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** The contact a {@code create_contact} step makes; every string is a template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewContact(
    String email,
    String phone,
    String firstName,
    String lastName,
    @JsonPropertyDescription("custom field name to template") Map<String, String> fields) {}
