package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Turns do-not-disturb on or off for a channel. */
@JsonClassDescription("Turns do-not-disturb on or off for a channel")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetDndStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("email, sms, whatsapp or all") DndChannel channel,
    @JsonPropertyDescription("true turns DND on") Boolean enabled,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
