package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** Sets contact fields to templates and clears others. */
@JsonClassDescription("Sets contact fields to templates and clears others")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateContactStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("path (contact.*) to template") Map<String, String> set,
    @JsonPropertyDescription("paths (contact.*) to empty") List<String> clear,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
