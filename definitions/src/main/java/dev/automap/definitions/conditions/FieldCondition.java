package dev.automap.definitions.conditions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code { "field": PATH, "op": OP, "value": V }}; {@code value} is absent for exists tests. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldCondition(String field, Op op, JsonNode value) implements Condition {}
