package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Runs several paths side by side; the run ends when every path has ended. */
@JsonClassDescription(
    "Runs each path at once, side by side; the run ends when every path has ended")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForkStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("id of the first step of each path") List<String> paths)
    implements FlowStep {

  @Override
  public String next() {
    return null;
  }

  @Override
  public List<Successor> successors() {
    return Successor.ofEach("/paths", paths, "", path -> path);
  }
}
