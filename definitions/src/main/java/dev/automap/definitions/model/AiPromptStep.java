package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Asks a language model and saves the answer in vars. */
@JsonClassDescription("Asks a language model and saves the answer in vars")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AiPromptStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("template") String prompt,
    @JsonPropertyDescription("model name; default the account's") String model,
    @JsonPropertyDescription("vars name that receives the answer") String saveAs,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
