package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.automap.definitions.conditions.Condition;
import java.util.List;

/** Enrollment rules of a map: who may enter, how often, and what takes them out. */
@JsonClassDescription("Who may enroll, how often, and what ends a run early")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Enrollment(
    @JsonPropertyDescription("never (default) or after_exit") Reenroll reenroll,
    @JsonPropertyDescription("condition a contact must meet to enroll") Condition audience,
    @JsonPropertyDescription("event matches or conditions that end the run at once")
        List<Match> exitWhen,
    @JsonPropertyDescription("end the run when the contact stops meeting audience")
        Boolean exitWhenAudienceUnmet) {

  public Reenroll reenrollOrDefault() {
    return reenroll == null ? Reenroll.NEVER : reenroll;
  }

  public List<Match> exitWhenOrEmpty() {
    return exitWhen == null ? List.of() : exitWhen;
  }

  public boolean exitsWhenAudienceUnmet() {
    return Boolean.TRUE.equals(exitWhenAudienceUnmet);
  }
}
