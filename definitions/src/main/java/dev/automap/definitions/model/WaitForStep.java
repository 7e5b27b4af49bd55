package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits for an event or a condition, with a timeout. */
@JsonClassDescription("Waits for an event or a condition, with a timeout")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaitForStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("event to wait for") EventMatch event,
    @JsonPropertyDescription("condition to wait for; re-checked on every event")
        Condition condition,
    @JsonPropertyDescription("ISO-8601; absent = no timeout") Duration timeout,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next,
    @JsonPropertyDescription("id of the step after a timeout; absent = this path ends")
        String onTimeout)
    implements FlowStep {

  @Override
  public List<Successor> successors() {
    List<Successor> out = new ArrayList<>(2);
    if (next != null) {
      out.add(new Successor("/next", next));
    }
    if (onTimeout != null) {
      out.add(new Successor("/onTimeout", onTimeout));
    }
    return out;
  }
}
