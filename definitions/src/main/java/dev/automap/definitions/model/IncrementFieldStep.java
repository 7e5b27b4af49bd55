package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.math.BigDecimal;

/** Adds a number to a numeric contact field. */
@JsonClassDescription("Adds a number to a numeric contact field")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncrementFieldStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("path of a numeric contact field") String field,
    @JsonPropertyDescription("amount; negative decreases") BigDecimal by,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
