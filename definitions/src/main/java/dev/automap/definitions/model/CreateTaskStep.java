package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** Creates a task about the contact. */
@JsonClassDescription("Creates a task about the contact")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTaskStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("template") String title,
    @JsonPropertyDescription("template") String body,
    @JsonPropertyDescription("owner or a user id") String assignee,
    @JsonPropertyDescription("due this long after the step runs (ISO-8601)") Duration due,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
