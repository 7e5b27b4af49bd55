package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One path of a {@code split} step and the share of contacts it gets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitPath(
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("1..100; the paths of a split add up to 100") Integer percent,
    @JsonPropertyDescription("step to go to; absent = this path ends") String next) {}
