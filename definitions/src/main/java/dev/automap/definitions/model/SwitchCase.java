package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;

/** One case of a {@code switch} step: the value that picks it and where it goes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SwitchCase(
    @JsonPropertyDescription("a string, number or boolean compared with the value of `on`")
        JsonNode value,
    @JsonPropertyDescription("step to go to; absent = this path ends") String next) {}
