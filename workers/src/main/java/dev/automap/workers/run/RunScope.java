package dev.automap.workers.run;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Step;
import dev.automap.workers.automations.WorkflowIds;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the steps of one run share: the contact's facts (through local activities), the run's vars,
 * its path log, visit counts for idempotency keys, the event it acts on, workflow time, and how the
 * run stands (paused, exiting, ended, its paths). Workflow code only: everything here is replayed.
 */
final class RunScope {
  private static final int PATH_KEPT = 100;

  final FactsActivities facts =
      Workflow.newLocalActivityStub(
          FactsActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
              .build());

  final EngineActivities engine =
      Workflow.newActivityStub(
          EngineActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  /** Engine records made at once: retried every few seconds for up to an hour of a store outage. */
  final EngineActivities engineLocal =
      Workflow.newLocalActivityStub(
          EngineActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(Duration.ofHours(1))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(5)).build())
              .build());

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

  /** A map the run cannot follow: the run fails with this once every path has stopped. */
  ApplicationFailure failure;

  private Consumer<String> newPath;
  private RunState shownState;
  private String shownStep;

  void start(RunInput runInput, Consumer<String> startPath) {
    input = runInput;
    map = runInput.map();
    newPath = startPath;
  }

  /** Starts one more path at {@code stepId} (a {@code fork}). */
  void fork(String stepId) {
    newPath.accept(stepId);
  }

  /** Ends the whole run (every path stops), for {@code reason}. */
  void end(String reason) {
    endReason = reason;
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
      Workflow.await(() -> !paused || cursor.interrupted());
    }
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
    path.addLast(new RunStatus.PathEntry(stepId, now().toString(), outcome));
    while (path.size() > PATH_KEPT) {
      path.removeFirst();
    }
  }

  /**
   * Keeps the {@code RunState}/{@code CurrentStep} search attributes true, upserting only on
   * change.
   */
  void show(RunState state, String step) {
    RunState effective = paused ? RunState.PAUSED : state;
    if (effective == shownState && Objects.equals(step, shownStep)) {
      return;
    }
    shownState = effective;
    shownStep = step;
    Workflow.upsertTypedSearchAttributes(
        RunSearchAttributes.RUN_STATE.valueSet(effective.value()),
        RunSearchAttributes.CURRENT_STEP.valueSet(step));
  }

  /** Shows the state again (after pause or resume), at the step last shown. */
  void reshow(RunState state) {
    show(state, shownStep);
  }

  RunState shownState() {
    return shownState;
  }

  List<Integer> holds(List<Condition> conditions) {
    return facts.holding(factsRequest(), conditions);
  }

  FactsRequest factsRequest() {
    return factsRequest(event);
  }

  FactsRequest factsRequest(Map<String, Object> ev) {
    return new FactsRequest(input.accountId(), input.contactId(), nonNull(vars), ev, now());
  }

  /**
   * The zone of a step (see {@link ContactZone}); {@code contactZone} when the caller has read it
   * already, else it is read when needed.
   */
  ZoneId zone(String stepZone, String contactZone) {
    return ContactZone.resolve(
        stepZone,
        map.timezone(),
        () -> contactZone != null ? contactZone : facts.waitFacts(factsRequest(), null).timezone());
  }

  /** Notes a goal as met and, where the engine listens, raises {@code automation.goal_met}. */
  void markGoal(String goalId) {
    if (goalsMet.add(goalId)
        && Workflow.getVersion("goal-event", Workflow.DEFAULT_VERSION, 1) >= 1) {
      engineLocal.goalMet(selfId(), Workflow.getInfo().getRunId(), goalId);
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
