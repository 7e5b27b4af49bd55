package dev.automap.app.bench;

import java.util.ArrayList;
import java.util.List;

/** The maps the benchmarks run, as JSON. */
final class Maps {
  private Maps() {}

  /** Five add_tags actions, no waits. */
  static String fiveActions(String key) {
    StringBuilder steps = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      steps.append(
          "{\"id\": \"t%d\", \"type\": \"add_tags\", \"tags\": [\"bench-t%d\"]%s}%s"
              .formatted(i, i, i < 5 ? ", \"next\": \"t" + (i + 1) + "\"" : "", i < 5 ? "," : ""));
    }
    return "{\"key\": \"%s\", \"start\": \"t1\", \"steps\": [%s]}".formatted(key, steps);
  }

  /**
   * Twenty steps: eleven actions, five waits of {@code wait} (none when null), a branch on the
   * contact's tags, a goal on an event (not met: the run goes on), an end. A goal on a condition
   * would make the run hear every event about its contact (each one a signal and a workflow task),
   * which the hand-written workflow, not being routed to, could not be compared with.
   */
  static String twentySteps(String key, String wait) {
    List<String> order =
        new ArrayList<>(
            List.of(
                "t1", "w1", "t2", "b1", "t3", "w2", "t4", "t5", "w3", "t6", "g1", "t7", "w4", "t8",
                "t9", "w5", "t10", "t11", "end"));
    if (wait == null) {
      order.removeIf(id -> id.startsWith("w"));
    }
    List<String> steps = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String id = order.get(i);
      String next = i + 1 < order.size() ? order.get(i + 1) : null;
      steps.add(
          switch (id.charAt(0)) {
            case 't' -> action(id, next);
            case 'w' ->
                "{\"id\": \"%s\", \"type\": \"wait\", \"duration\": \"%s\", \"next\": \"%s\"}"
                    .formatted(id, wait, next);
            case 'b' ->
                ("{\"id\": \"b1\", \"type\": \"branch\", \"branches\": [{\"name\": \"vip\","
                        + " \"when\": {\"field\": \"contact.tags\", \"op\": \"contains\", \"value\":"
                        + " \"vip\"}, \"next\": \"t3v\"}], \"else\": \"%s\"}")
                    .formatted(next);
            case 'g' ->
                ("{\"id\": \"g1\", \"type\": \"goal\", \"when\": {\"event\": \"bench.goal\"},"
                        + " \"ifUnmet\": \"continue\", \"next\": \"%s\"}")
                    .formatted(next);
            default -> "{\"id\": \"end\", \"type\": \"end\"}";
          });
    }
    steps.add(action("t3v", order.get(order.indexOf("t3") + 1)));
    return "{\"key\": \"%s\", \"start\": \"t1\", \"steps\": [%s]}"
        .formatted(key, String.join(",", steps));
  }

  /** A long wait first, then {@code actions} actions: a run parked on its first step. */
  static String waitingFirst(String key, int actions) {
    List<String> steps = new ArrayList<>();
    steps.add("{\"id\": \"park\", \"type\": \"wait\", \"duration\": \"P30D\", \"next\": \"a1\"}");
    for (int i = 1; i <= actions; i++) {
      steps.add(action("a" + i, i < actions ? "a" + (i + 1) : null));
    }
    return "{\"key\": \"%s\", \"start\": \"park\", \"steps\": [%s]}"
        .formatted(key, String.join(",", steps));
  }

  /** An automation listening for an event type nobody sends. */
  static String listener(String key, int i) {
    return ("{\"key\": \"%s\", \"start\": \"tag\", \"triggers\": [{\"event\": \"bench.other%d\"}],"
            + " \"steps\": [{\"id\": \"tag\", \"type\": \"add_tags\", \"tags\": [\"x\"]}]}")
        .formatted(key, i);
  }

  private static String action(String id, String next) {
    return "{\"id\": \"%s\", \"type\": \"add_tags\", \"tags\": [\"bench-%s\"]%s}"
        .formatted(id, id, next == null ? "" : ", \"next\": \"" + next + "\"");
  }
}
