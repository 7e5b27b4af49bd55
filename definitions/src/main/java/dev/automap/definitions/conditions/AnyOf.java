package dev.automap.definitions.conditions;

import java.util.List;

/** Holds when at least one of {@code any} holds (an empty list does not). */
public record AnyOf(List<Condition> any) implements Condition {
  public AnyOf {
    any = any == null ? List.of() : List.copyOf(any);
  }
}
