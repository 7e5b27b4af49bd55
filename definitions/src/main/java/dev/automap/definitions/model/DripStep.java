package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;

/** Releases contacts in batches. */
@JsonClassDescription("Releases contacts in batches")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DripStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("contacts per batch") Integer batchSize,
    @JsonPropertyDescription("time between batches (ISO-8601)") Duration every,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next)
    implements FlowStep {}
