package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** Calls an HTTP endpoint. */
@JsonClassDescription("Calls an HTTP endpoint")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("GET, POST, PUT, PATCH or DELETE") HttpMethod method,
    @JsonPropertyDescription("template") String url,
    @JsonPropertyDescription("header name to template") Map<String, String> headers,
    @JsonPropertyDescription("a template string, or JSON whose strings are templates")
        JsonNode body,
    @JsonPropertyDescription("ISO-8601; default PT10S") Duration timeout,
    @JsonPropertyDescription("vars name that receives the response") String saveResponseAs,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
