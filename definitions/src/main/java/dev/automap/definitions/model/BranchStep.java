package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** If/else: the first branch whose condition holds wins, else {@code else}. */
@JsonClassDescription("The first branch whose condition holds wins, else `else`")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BranchStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("branches, tried in order") List<Branch> branches,
    @JsonProperty("else")
        @JsonPropertyDescription("step when no branch holds; absent = this path ends")
        String otherwise)
    implements FlowStep {

  @Override
  public String next() {
    return null;
  }

  @Override
  public List<Successor> successors() {
    List<Successor> out =
        new ArrayList<>(Successor.ofEach("/branches", branches, "/next", Branch::next));
    if (otherwise != null) {
      out.add(new Successor("/else", otherwise));
    }
    return out;
  }
}
