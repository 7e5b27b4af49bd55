package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Branches on one value: the case equal to the value of {@code on}, else {@code default}. */
@JsonClassDescription("Goes to the case whose value equals the value of `on`, else `default`")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SwitchStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("path of the value, e.g. contact.fields.plan") String on,
    @JsonPropertyDescription("cases, each a value and the step it goes to") List<SwitchCase> cases,
    @JsonProperty("default")
        @JsonPropertyDescription("step when no case matches; absent = this path ends")
        String otherwise)
    implements FlowStep {

  @Override
  public String next() {
    return null;
  }

  @Override
  public List<Successor> successors() {
    List<Successor> out =
        new ArrayList<>(Successor.ofEach("/cases", cases, "/next", SwitchCase::next));
    if (otherwise != null) {
      out.add(new Successor("/default", otherwise));
    }
    return out;
  }
}
