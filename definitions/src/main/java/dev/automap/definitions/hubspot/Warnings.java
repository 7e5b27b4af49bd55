package dev.automap.definitions.hubspot;

import dev.automap.definitions.problems.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What an import could not carry over as it was, each at its JSON Pointer in the HubSpot flow. */
final class Warnings {
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> said = new HashSet<>();

  void add(String path, String message) {
    problems.add(new Problem(path, message));
  }

  /** Says {@code message} only the first time {@code topic} comes up in this import. */
  void once(String topic, String path, String message) {
    if (said.add(topic)) {
      add(path, message);
    }
  }

  List<Problem> all() {
    return List.copyOf(problems);
  }
}
