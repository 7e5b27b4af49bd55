package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.automap.definitions.conditions.Condition;

/** One branch of a {@code branch} step. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Branch(
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("condition that picks this branch") Condition when,
    @JsonPropertyDescription("step to go to; absent = this path ends") String next) {}
