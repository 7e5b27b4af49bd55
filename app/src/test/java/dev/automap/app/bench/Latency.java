package dev.automap.app.bench;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run's time goes, read from the histories: every interval between two consecutive events
 * named by the pair of their types ({@code WFT_STARTED→WFT_COMPLETED} is the worker's processing of
 * a workflow task, {@code ACT_SCHEDULED→ACT_STARTED} the dispatch of an activity task, ...), summed
 * per run, then the median over runs. The sums of a run add up to its total time, so comparing the
 * two sides pair by pair shows which interval makes one slower.
 */
final class Latency {
  private Latency() {}

  /** Per pair of consecutive event types: each run's summed time in ms, and how often it came. */
  record Decomposition(
      int runs,
      Map<String, List<Double>> perRun,
      Map<String, Double> countPerRun,
      List<Double> total) {
    double median(String pair) {
      List<Double> v = perRun.get(pair);
      return v == null ? 0 : Latency.median(v);
    }
  }

  static Decomposition of(WorkflowClient client, List<String> workflowIds, boolean byOccurrence) {
    Map<String, List<Double>> perRun = new TreeMap<>();
    Map<String, Double> counts = new TreeMap<>();
    List<Double> total = new ArrayList<>();
    for (String id : workflowIds) {
      List<HistoryEvent> events = client.fetchHistory(id).getEvents();
      Map<String, Double> sums = new TreeMap<>();
      Map<String, Integer> seen = new TreeMap<>();
      sums.put(
          "bytes of " + name(events.getFirst()), (double) events.getFirst().getSerializedSize());
      for (int i = 1; i < events.size(); i++) {
        String pair = name(events.get(i - 1)) + "→" + name(events.get(i));
        if (byOccurrence) {
          pair += " #" + seen.merge(pair, 1, Integer::sum);
        }
        sums.merge(pair, millis(events.get(i)) - millis(events.get(i - 1)), Double::sum);
        String bytes = "bytes of " + name(events.get(i));
        sums.merge(bytes, (double) events.get(i).getSerializedSize(), Double::sum);
        counts.merge(pair, 1.0 / workflowIds.size(), Double::sum);
      }
      sums.forEach((k, v) -> perRun.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      total.add(millis(events.getLast()) - millis(events.getFirst()));
    }
    // a pair missing from a run counts as 0 ms in it
    perRun
        .values()
        .forEach(
            v -> {
              while (v.size() < workflowIds.size()) v.add(0.0);
            });
    return new Decomposition(workflowIds.size(), perRun, counts, total);
  }

  /** The two sides pair by pair: median ms per run, how often per run, the difference. */
  static String table(String a, Decomposition x, String b, Decomposition y) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-58s %9s %5s %9s %5s %8s%n",
            "interval (consecutive events)",
            a + " ms",
            "n",
            b + " ms",
            "n",
            "diff"));
    TreeMap<String, Boolean> pairs = new TreeMap<>();
    x.perRun().keySet().forEach(k -> pairs.put(k, true));
    y.perRun().keySet().forEach(k -> pairs.put(k, true));
    for (String pair : pairs.keySet()) {
      double mx = x.median(pair);
      double my = y.median(pair);
      out.append(
          String.format(
              Locale.ROOT,
              "%-58s %9.1f %5.1f %9.1f %5.1f %+8.1f%n",
              pair,
              mx,
              x.countPerRun().getOrDefault(pair, 0.0),
              my,
              y.countPerRun().getOrDefault(pair, 0.0),
              mx - my));
    }
    double tx = median(x.total());
    double ty = median(y.total());
    out.append(
        String.format(
            Locale.ROOT, "%-58s %9.1f %5s %9.1f %5s %+8.1f%n", "total", tx, "", ty, "", tx - ty));
    return out.toString();
  }

  static String name(HistoryEvent e) {
    return e.getEventType()
        .name()
        .replace("EVENT_TYPE_", "")
        .replace("WORKFLOW_TASK_", "WFT_")
        .replace("ACTIVITY_TASK_", "ACT_")
        .replace("WORKFLOW_EXECUTION_", "WF_");
  }

  static double millis(HistoryEvent e) {
    return e.getEventTime().getSeconds() * 1000.0 + e.getEventTime().getNanos() / 1e6;
  }

  static double median(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    v.sort(null);
    int n = v.size();
    return n == 0 ? 0 : n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
