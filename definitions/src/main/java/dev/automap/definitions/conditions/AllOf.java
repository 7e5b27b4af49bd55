package dev.automap.definitions.conditions;

import java.util.List;

/** Holds when every one of {@code all} holds (an empty list holds). */
public record AllOf(List<Condition> all) implements Condition {
  public AllOf {
    all = all == null ? List.of() : List.copyOf(all);
  }
}
