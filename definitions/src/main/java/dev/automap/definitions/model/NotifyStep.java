package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Notifies a user or a team about the contact. */
@JsonClassDescription("Notifies a user or a team about the contact")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotifyStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("owner, a user id or team:<name>") String to,
    @JsonPropertyDescription("email, sms or in_app") NotifyChannel channel,
    @JsonPropertyDescription("template") String subject,
    @JsonPropertyDescription("template") String body,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements MessageStep {}
