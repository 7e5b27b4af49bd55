package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Assigns the contact to a user, or round robin over users. */
@JsonClassDescription("Assigns the contact to a user, or round robin over users")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssignOwnerStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("user id") String user,
    @JsonPropertyDescription("user ids to rotate over (round robin)") List<String> rotate,
    @JsonPropertyDescription("leave a contact that has an owner as it is") Boolean onlyIfUnassigned,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("where to go when the action fails after its retries; default end")
        OnError onError)
    implements ActionStep {}
