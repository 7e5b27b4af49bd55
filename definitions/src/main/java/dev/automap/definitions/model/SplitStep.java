package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** A/B test: each contact lands, always the same way, in one path by a hash of its id. */
@JsonClassDescription("A/B test: a stable hash of automation, step and contact picks one path")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("paths; their percents add up to 100") List<SplitPath> paths)
    implements FlowStep {

  @Override
  public String next() {
    return null;
  }

  @Override
  public List<Successor> successors() {
    return Successor.ofEach("/paths", paths, "/next", SplitPath::next);
  }
}
