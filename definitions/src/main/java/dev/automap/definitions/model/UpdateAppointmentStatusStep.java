package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Changes the status of an appointment. */
@JsonClassDescription("Changes the status of an appointment")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateAppointmentStatusStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("appointment id (template) or latest") String appointment,
    @JsonPropertyDescription("confirmed, cancelled, showed, no_show or invalid")
        AppointmentStatus status,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
