package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Adds tags to the contact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddTagsStep(String id, String name, String next, OnError onError, List<String> tags)
    implements ActionStep {}
