package dev.automap.workers.run;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Step;
import dev.automap.workers.automations.WorkflowIds;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the steps of one run share: the contact's facts (through local activities), the run's vars,
 * its path log, visit counts for idempotency keys, the event it acts on, workflow time, and how the
 * run stands (paused, exiting, ended, its paths). Workflow code only: everything here is replayed.
 */
final class RunScope {
  private static final int PATH_KEPT = 100;

  /**
   * A preview (on the simulator's task queue, {@code Simulator.TASK_QUEUE}) keeps its whole path up
   * to the preview's 10,000 timeline entries, and one more to tell that there were more.
   */
  static final int PREVIEW_PATH_KEPT = 10_001;

  private int pathKept;

  RunInput input;
  AutomationMap map;
  final Map<String, Integer> visits = new LinkedHashMap<>();
  final Deque<RunStatus.PathEntry> path = new ArrayDeque<>();
  final Map<String, Object> vars = new LinkedHashMap<>();
  final Set<String> goalsMet = new LinkedHashSet<>();
  final List<Cursor> cursors = new ArrayList<>();

  /** The event the run acts on: the one that enrolled it, or the last one a wait matched. */
  Map<String, Object> event;

  boolean paused;
  String exitReason;
  String endReason;

  /** A goal met elsewhere than where a path waits for it: every path jumps there. */
  GoalStep goalJump;

  /** Bumped when every path must stop (a goal jump): cursors of older generations give up. */
  int generation;

  /**
   * A migration under way (see {@link RunMigration}): each path parks at its next step boundary;
   * null when none.
   */
  MigrationOrder migrating;

  /** A map the run cannot follow: the run fails with this once every path has stopped. */
  ApplicationFailure failure;

  /** Set when the run ends as failed: a step's action failed and ended it, or the map is bad. */
  boolean failed;

  /** The step marks the run tells the counters. */
  final StepMarking marks = new StepMarking(this);

  /** What the run shows outside: search attributes and current details. */
  final Shown shown = new Shown(this);

  private Consumer<String> newPath;

  /** Whether timers of waits that end early are cancelled; asked once, at the first. */
  private Boolean cancelsTimers;

  /**
   * Runs started since version 1 of {@code lean-history} keep their history to what they do: an
   * action does not upsert {@code RunState}/{@code CurrentStep} (waits and the end still do, see
   * docs/engine.md), and this one marker stands for every older change ({@code record-finish} 2,
   * {@code cancel-timers} 1, {@code goal-event} 1), which such runs then do not record; such runs
   * also tell the step counters what they pass. Runs recorded before it replay as they were. Runs
   * whose input carries a history version ({@link RunInput#history}, every run started or continued
   * since) are lean without the marker: the input is in history, so replays decide the same.
   */
  boolean lean;

  /** Counts the path entries a step recorded, and the count at each step's latest. */
  private long recorded;

  private final Map<String, Long> recordedAt = new LinkedHashMap<>();

  void start(RunInput runInput, Consumer<String> startPath) {
    input = runInput;
    map = runInput.map();
    newPath = startPath;
    lean =
        runInput.records(1)
            || Workflow.getVersion("lean-history", Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /** The version of {@code record-finish} this run follows (2 for lean runs, unrecorded). */
  int recordFinishVersion() {
    return lean ? 2 : Workflow.getVersion("record-finish", Workflow.DEFAULT_VERSION, 2);
  }

  /** Starts one more path at {@code stepId} (a {@code fork}). */
  void fork(String stepId) {
    newPath.accept(stepId);
  }

  /** Ends the whole run (every path stops), for {@code reason}. */
  void end(String reason) {
    endReason = reason;
  }

  /** Ends the whole run as failed (every path stops), for {@code reason}. */
  void fail(String reason) {
    if (endReason == null) {
      failed = true;
    }
    endReason = reason;
  }

  /**
   * Whether a wait that ends early cancels its timer. Cancelling adds a command, which histories
   * recorded before it did not have: asked once per run, at its first early wake, through a version
   * marker (one event for the run).
   */
  boolean cancelsTimers() {
    if (cancelsTimers == null) {
      cancelsTimers =
          lean || Workflow.getVersion("cancel-timers", Workflow.DEFAULT_VERSION, 1) >= 1;
    }
    return cancelsTimers;
  }

  /**
   * The zone a timer's summary shows its time in: the step's or the map's when named, else UTC (a
   * contact's own zone is not read for a summary).
   */
  ZoneId summaryZone(String stepZone) {
    return ContactZone.resolve(
        ContactZone.CONTACT.equals(stepZone) ? null : stepZone,
        ContactZone.CONTACT.equals(map.timezone()) ? null : map.timezone(),
        () -> null);
  }

  /** Whether the run stops: it exited, an end was reached, or the map cannot be followed. */
  boolean ending() {
    return exitReason != null || endReason != null || failure != null;
  }

  boolean historyFull() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= input.historyLimitOrDefault()
        || info.isContinueAsNewSuggested();
  }

  void awaitNotPaused(Cursor cursor) {
    if (paused) {
      marks.flush(cursor.step());
      Workflow.await(() -> !paused || cursor.interrupted());
    }
  }

  /** As {@link #awaitNotPaused(Cursor)} between steps, where a migration also ends the pause. */
  void awaitNotPausedOrMigrating(Cursor cursor) {
    if (paused) {
      marks.flush(cursor.step());
      Workflow.await(() -> !paused || cursor.interrupted() || migrating());
    }
  }

  /** Whether a migration is under way: paths park at their next step boundary. */
  boolean migrating() {
    return migrating != null;
  }

  void enter(Step step) {
    visits.merge(step.id(), 1, Integer::sum);
  }

  /** The idempotency key of this visit of a step: workflow, run, step and visit count. */
  String key(Step step) {
    var info = Workflow.getInfo();
    return info.getWorkflowId()
        + "/"
        + info.getRunId()
        + "/"
        + step.id()
        + "/"
        + visits.get(step.id());
  }

  void record(String stepId, String outcome) {
    recorded++;
    recordedAt.put(stepId, recorded);
    note(stepId, outcome);
  }

  /** How many entries steps have recorded so far (see {@link #recordedSince}). */
  long recorded() {
    return recorded;
  }

  /** Whether {@code stepId} recorded an entry after the count was {@code since}. */
  boolean recordedSince(String stepId, long since) {
    return recordedAt.getOrDefault(stepId, 0L) > since;
  }

  /** Adds to the path what happened to the run (a pause, a resume) without a step deciding. */
  void note(String stepId, String outcome) {
    path.addLast(new RunStatus.PathEntry(stepId, now().toString(), outcome));
    if (pathKept == 0) {
      // only what a query shows: no command depends on it, so replays are unchanged
      pathKept =
          AutomationRunImpl.PREVIEW_TASK_QUEUE.equals(Workflow.getInfo().getTaskQueue())
              ? PREVIEW_PATH_KEPT
              : PATH_KEPT;
    }
    while (path.size() > pathKept) {
      path.removeFirst();
    }
  }

  List<Integer> holds(String stepId, List<Condition> conditions) {
    return RunStubs.facts(stepId, "facts.holding " + conditions.size() + " condition(s)")
        .holding(factsRequest(), conditions);
  }

  FactsRequest factsRequest() {
    return factsRequest(event);
  }

  FactsRequest factsRequest(Map<String, Object> ev) {
    return new FactsRequest(input.accountId(), input.contactId(), nonNull(vars), ev, now());
  }

  /**
   * The zone of step {@code stepId} (see {@link ContactZone}); {@code contactZone} when the caller
   * has read it already, else it is read when needed.
   */
  ZoneId zone(String stepId, String stepZone, String contactZone) {
    return ContactZone.resolve(
        stepZone,
        map.timezone(),
        () ->
            contactZone != null
                ? contactZone
                : RunStubs.facts(stepId, "facts.waitFacts the contact's time zone")
                    .waitFacts(factsRequest(), null)
                    .timezone());
  }

  /** Notes a goal as met and, where the engine listens, raises {@code automation.goal_met}. */
  void markGoal(String goalId) {
    if (goalsMet.add(goalId)
        && (lean || Workflow.getVersion("goal-event", Workflow.DEFAULT_VERSION, 1) >= 1)) {
      RunStubs.engineLocal(goalId, "engine.goal raises automation.goal_met")
          .goalMet(selfId(), Workflow.getInfo().getRunId(), goalId);
    }
  }

  /** This run's workflow ID, from its input (the spec's form), the same in a replay. */
  String selfId() {
    return WorkflowIds.of(input.accountId(), input.automationKey(), input.contactId());
  }

  /** The workflow ID of this contact's run of another automation. */
  String runOf(String automation) {
    return WorkflowIds.of(input.accountId(), automation, input.contactId());
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  static Map<String, Object> nonNull(Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }
}
