package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Posts to a configured Slack incoming webhook. */
@JsonClassDescription("Posts to a configured Slack incoming webhook")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendSlackStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("name of a configured incoming webhook") String channel,
    @JsonPropertyDescription("template") String text,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
