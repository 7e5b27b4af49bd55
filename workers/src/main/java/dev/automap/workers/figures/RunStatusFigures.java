package dev.automap.workers.figures;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.Successor;
import dev.automap.workers.enrollment.EnrollmentState;
import dev.automap.workers.run.RunStatus;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import dev.automap.workers.timeline.StepCounters;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Figures from what the store keeps today and from the runs themselves: runs by state from the
 * enrollments table; visits of action steps from the step log (joined to the run's version), of
 * flow steps (branch, wait, split, goal…) from the step counters kept as runs move; for each run
 * not ended, its {@code status} query, which says the step it is on and the path it took. Asks at
 * most {@value #MAX_RUNS} runs per version; the answers are kept for a few seconds, so a page and
 * its refreshes do not ask again.
 */
@Singleton
public class RunStatusFigures implements StepFigures {
  static final int MAX_RUNS = 500;
  static final Duration KEPT = Duration.ofSeconds(2);

  private final EnrollmentRepository enrollments;
  private final StoreCounts store;
  private final StepCounters counters;
  private final WorkflowClient client;
  private final ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Asked> asked = new ConcurrentHashMap<>();

  public RunStatusFigures(
      EnrollmentRepository enrollments,
      StoreCounts store,
      StepCounters counters,
      WorkflowClient client) {
    this.enrollments = enrollments;
    this.store = store;
    this.counters = counters;
    this.client = client;
  }

  /** A run not ended and what its status query said (null when it did not answer). */
  record Live(Enrollment enrollment, RunStatus status) {}

  private record Asked(Instant at, List<Live> runs, boolean more) {}

  @Override
  public Figures of(String accountId, String automationKey, int version, AutomationMap map) {
    StoreCounts.Counts counts = store.of(accountId, automationKey, version);
    Map<String, Long> byState = counts.byState();
    long goals = counts.goalsMet();
    Map<String, long[]> visits = counts.visits();
    Map<String, Map<String, Long>> stepCounts = counters.of(accountId, automationKey, version);

    Asked live = live(accountId, automationKey, version);
    Map<String, long[]> onStep = new HashMap<>();
    Map<String, Long> taken = new HashMap<>();
    int answered = 0;
    for (Live run : live.runs()) {
      if (run.status() == null) {
        continue;
      }
      answered++;
      boolean paused = "paused".equals(run.status().state());
      for (String step : run.status().steps() == null ? List.<String>of() : run.status().steps()) {
        long[] n = onStep.computeIfAbsent(step, k -> new long[2]);
        n[0]++;
        if (paused) {
          n[1]++;
        }
      }
      List<RunStatus.PathEntry> path =
          run.status().path() == null ? List.of() : run.status().path();
      for (int i = 1; i < path.size(); i++) {
        taken.merge(path.get(i - 1).step() + "\n" + path.get(i).step(), 1L, Long::sum);
      }
      // the way into the step it is on now (a step enters the path when it is left)
      if (!path.isEmpty() && run.status().steps() != null) {
        String last = path.getLast().step();
        for (String now : run.status().steps()) {
          if (!now.equals(last)) {
            taken.merge(last + "\n" + now, 1L, Long::sum);
          }
        }
      }
    }

    Map<String, StepFigure> steps = new LinkedHashMap<>();
    List<PathFigure> paths = new ArrayList<>();
    for (Step step : map.steps()) {
      long[] here = onStep.getOrDefault(step.id(), new long[2]);
      long[] seen = visits.get(step.id());
      Map<String, Long> flow = stepCounts.getOrDefault(step.id(), Map.of());
      boolean action = step instanceof ActionStep;
      steps.put(
          step.id(),
          new StepFigure(
              step.id(),
              here[0],
              here[1],
              action ? (seen == null ? 0L : seen[0]) : flow.getOrDefault("entered", 0L),
              action ? (seen == null ? 0L : seen[1]) : flow.getOrDefault("completed", 0L)));
      for (Successor next : step.successors()) {
        paths.add(
            new PathFigure(
                step.id(),
                next.step(),
                PathLabels.of(step, next),
                taken.getOrDefault(step.id() + "\n" + next.step(), 0L)));
      }
    }
    long total = byState.values().stream().mapToLong(Long::longValue).sum();
    String counted =
        "runs by state from the enrollments table; entered and completed of action steps from the"
            + " step log, of flow steps from the step counters; on each step and path: the "
            + answered
            + " runs not ended that answered"
            + (live.more() ? " (the first " + MAX_RUNS + " of more)" : "");
    return new Figures(
        total,
        byState.getOrDefault(EnrollmentState.RUNNING.wire(), 0L),
        byState.getOrDefault(EnrollmentState.COMPLETED.wire(), 0L),
        byState.getOrDefault(EnrollmentState.EXITED.wire(), 0L),
        byState.getOrDefault(EnrollmentState.FAILED.wire(), 0L),
        goals,
        steps,
        paths,
        counted);
  }

  @Override
  public List<RunOnStep> runsOn(
      String accountId, String automationKey, int version, String stepId, int limit) {
    List<RunOnStep> out = new ArrayList<>();
    for (Live run : live(accountId, automationKey, version).runs()) {
      RunStatus status = run.status();
      if (status == null || status.steps() == null || !status.steps().contains(stepId)) {
        continue;
      }
      List<RunStatus.PathEntry> path = status.path() == null ? List.of() : status.path();
      String since = path.isEmpty() ? run.enrollment().startedAt().toString() : path.getLast().at();
      out.add(
          new RunOnStep(
              run.enrollment().workflowId(),
              run.enrollment().contactId(),
              run.enrollment().version(),
              status.state(),
              since,
              status.waitingUntil(),
              status.waitingFor()));
    }
    out.sort(Comparator.comparing(RunOnStep::since));
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private Asked live(String accountId, String automationKey, int version) {
    String key = accountId + ":" + automationKey + ":" + version;
    Asked known = asked.get(key);
    if (known != null && known.at().plus(KEPT).isAfter(Instant.now())) {
      return known;
    }
    List<Enrollment> running = new ArrayList<>();
    String after = "";
    boolean more = false;
    while (true) {
      List<Enrollment> page = enrollments.runningIn(accountId, automationKey, after, 200);
      for (Enrollment e : page) {
        if (e.version() == version) {
          if (running.size() == MAX_RUNS) {
            more = true;
            break;
          }
          running.add(e);
        }
      }
      if (more || page.size() < 200) {
        break;
      }
      after = page.getLast().workflowId();
    }
    List<Future<RunStatus>> answers = new ArrayList<>();
    for (Enrollment e : running) {
      answers.add(
          queries.submit(
              () ->
                  client.newUntypedWorkflowStub(e.workflowId()).query("status", RunStatus.class)));
    }
    List<Live> runs = new ArrayList<>();
    for (int i = 0; i < running.size(); i++) {
      RunStatus status;
      try {
        status = answers.get(i).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        answers.get(i).cancel(true);
        status = null; // ended meanwhile, or not answering: counted nowhere
      }
      runs.add(new Live(running.get(i), status));
    }
    Asked fresh = new Asked(Instant.now(), List.copyOf(runs), more);
    if (asked.size() > 1000) {
      asked.clear();
    }
    asked.put(key, fresh);
    return fresh;
  }
}
