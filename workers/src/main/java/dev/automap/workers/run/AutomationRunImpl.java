package dev.automap.workers.run;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets a map for one contact. Flow steps are decided deterministically (workflow time, hashed
 * splits, no I/O), each by its own {@link StepExecutor}; decisions on the contact's data are local
 * activities whose only trace in history is the answer; each action step is one activity whose
 * idempotency key makes retries and replays harmless.
 *
 * <p>Each path of the map (one, or several after a {@code fork}) is a {@link Cursor} running in its
 * own workflow thread. This class coordinates them: the main thread handles the events the run is
 * signalled ({@link RunEvents}), jumps to met goals, and continues as new when history grows long,
 * carrying every cursor's position in a {@link RunMemory}; it answers the signals and the query.
 */
public class AutomationRunImpl implements AutomationRun {
  /** The task queue previews run on; their runs keep their whole path for the timeline. */
  public static final String PREVIEW_TASK_QUEUE = "simulation";

  private final RunScope run = new RunScope();
  private final Steps steps = new Steps(run);
  private final RunEvents events = new RunEvents(run);
  private final RunMigration migration = new RunMigration(run);
  private final Deque<Map<String, Object>> inbox = new ArrayDeque<>();

  @Override
  public RunOutcome run(RunInput input) {
    run.start(input, step -> startCursor(step, null));
    RunLog.at(input.contactId(), null);
    RunLog.LOG.info(
        "run {} of {} version {}",
        input.memory() == null ? "started" : "continued",
        input.automationKey(),
        input.version());
    if (input.memory() == null) {
      run.event = input.event();
      startCursor(run.map.start(), null);
    } else {
      restore(input.memory());
    }
    String lastStep;
    try {
      lastStep = coordinate();
    } catch (ApplicationFailure failure) {
      if (BadMap.is(failure)) {
        failBadMap(failure);
      }
      throw failure;
    }
    boolean exited = run.exitReason != null;
    // what the run told its parent and its outcome before runs could end as failed
    RunState told = RunState.ended(exited);
    String reason = exited ? run.exitReason : run.endReason;
    run.cursors.clear();
    run.flushMarks(lastStep == null ? "end" : lastStep);
    // runs recorded before the enrollments table learned how runs end do not record it on replay;
    // version 2 records a failed end as failed and shows the end (a search attribute upsert)
    int version = run.recordFinishVersion();
    RunState state = version >= 2 ? RunState.ended(exited, run.failed) : told;
    if (version >= 1) {
      try {
        run.engineLocal(
                lastStep == null ? "end" : lastStep, "engine.finish records " + state.value())
            .finish(run.selfId(), state.value(), reason, RunScope.now());
      } catch (ActivityFailure e) {
        // the store stayed away: the enrollment reconciler records the end from this result
      }
    }
    if (version >= 2) {
      // after the local activity: the upsert then goes out with the run's completion, in the
      // same workflow task
      showEnd(state, reason == null ? "every path reached its end" : reason, lastStep);
    }
    // a parent waiting on automation.completed|exited hears what it heard before: a failed run
    // ended, and its failure is told by its own state
    notifyParent(told);
    RunLog.at(run.input.contactId(), lastStep);
    RunLog.LOG.info("run ended: {}{}", state.value(), reason == null ? "" : " (" + reason + ")");
    return new RunOutcome(state.value(), reason, lastStep);
  }

  /**
   * A map the run cannot follow fails the workflow; before it does, runs started since version 2
   * show the failed end and record it in the enrollments table (older ones replay as they were).
   */
  private void failBadMap(ApplicationFailure failure) {
    if (run.recordFinishVersion() < 2) {
      return;
    }
    // where the path stood when it could not go on, else the step the failure names
    String at = run.cursors.isEmpty() ? BadMap.step(failure) : run.cursors.getLast().step();
    String reason = ActionExecutor.rootMessage(failure);
    run.cursors.clear();
    run.flushMarks(at == null ? "end" : at);
    try {
      run.engineLocal(at == null ? "end" : at, "engine.finish records failed")
          .finish(run.selfId(), RunState.FAILED.value(), reason, RunScope.now());
    } catch (ActivityFailure e) {
      // the store stayed away: the enrollment reconciler records the end from the failure
    }
    showEnd(RunState.FAILED, reason, at);
  }

  /** Shows the end: {@code RunState} set for good, details "Ended: state, reason, at step". */
  private void showEnd(RunState state, String reason, String atStep) {
    run.paused = false;
    run.show(state, atStep != null ? atStep : run.shownStep());
    String text =
        "Ended: " + state.value() + ", " + reason + (atStep == null ? "" : ", at " + atStep);
    run.details(text);
  }

  /**
   * Handles events and goal jumps until every path has ended or parked; continues as new when one
   * parked. The step the last path stood at.
   */
  private String coordinate() {
    while (true) {
      Workflow.await(
          () ->
              !inbox.isEmpty()
                  || run.goalJump != null
                  || migration.asked()
                  || run.cursors.stream().allMatch(Cursor::settled));
      if (run.failure != null) {
        Workflow.await(() -> run.cursors.stream().allMatch(Cursor::settled));
        throw run.failure;
      }
      if (migration.asked()) {
        migration.begin();
        continue;
      }
      if (!inbox.isEmpty()) {
        events.handle(inbox.poll());
        continue;
      }
      if (run.goalJump != null && run.exitReason == null && run.endReason == null) {
        jumpToGoal();
        continue;
      }
      if (run.migrating != null
          && !run.ending()
          && run.cursors.stream().anyMatch(c -> c.parked() != null)) {
        migrate();
        continue;
      }
      if (run.exitReason == null
          && run.endReason == null
          && run.cursors.stream().anyMatch(c -> c.parked() != null)) {
        run.flushMarks(run.cursors.getLast().step());
        Workflow.continueAsNew(run.input.withMemory(remember()));
      }
      return run.cursors.isEmpty() ? null : run.cursors.getLast().step();
    }
  }

  /**
   * Every path has parked at a step boundary (or ended) while a migration is under way: continues
   * as new on the new version, each path before its mapped step; or, when a path stands on a step
   * without a mapping or the version cannot be followed, goes on where the paths stood.
   */
  private void migrate() {
    List<RunMemory.Position> parked = new ArrayList<>();
    run.cursors.forEach(
        c -> {
          if (c.parked() != null) {
            parked.add(c.parked());
          }
        });
    String unmapped = migration.unmapped(parked);
    if (unmapped == null) {
      AutomationMap map = migration.move(parked);
      if (map != null) {
        RunInput next =
            run.input
                .migratedTo(run.migrating.toVersion(), map)
                .withMemory(remember().withPositions(migration.mapped(parked)));
        Workflow.continueAsNew(
            ContinueAsNewOptions.newBuilder()
                .setTypedSearchAttributes(
                    io.temporal.common.SearchAttributes.newBuilder(
                            Workflow.getTypedSearchAttributes())
                        .set(RunSearchAttributes.AUTOMATION_VERSION, (long) next.version())
                        .build())
                .build(),
            next);
      }
    } else {
      migration.refuse(unmapped);
    }
    // refused: each path goes on where it stood, a wait with its due time
    run.cursors.removeIf(c -> c.parked() != null);
    for (RunMemory.Position position : parked) {
      startCursor(position.step(), position);
    }
  }

  /** Stops every path where it is and goes on after the goal that was met. */
  private void jumpToGoal() {
    GoalStep goal = run.goalJump;
    run.goalJump = null;
    run.generation++;
    run.cursors.forEach(Cursor::stop);
    Workflow.await(() -> run.cursors.stream().allMatch(Cursor::settled));
    run.cursors.clear();
    run.enter(goal);
    run.markEnter(goal);
    run.record(goal.id(), "goal met");
    run.markLeave(goal, "completed", null, "goal met");
    startCursor(goal.next(), null);
  }

  private void startCursor(String stepId, RunMemory.Position resume) {
    Cursor cursor = new Cursor(run, stepId);
    run.cursors.add(cursor);
    Async.procedure(() -> walk(cursor, resume));
  }

  /**
   * Walks one path step by step until it ends, stops or parks. A map that cannot be followed fails
   * the run: every path stops and the main thread throws.
   */
  private void walk(Cursor cursor, RunMemory.Position resume) {
    Step at = null;
    long since = 0;
    try {
      String next = cursor.step();
      if (resume != null && resume.entered()) {
        Step inside = step(resume.step());
        cursor.moveTo(inside.id());
        at = inside;
        since = run.recorded();
        next = steps.resume(cursor, inside, resume.until());
        leave(cursor, inside, since);
        at = null;
      }
      while (next != null && !cursor.interrupted()) {
        if (run.historyFull() || run.migrating()) {
          cursor.park(RunMemory.Position.before(next));
          return;
        }
        Step step = step(next);
        run.awaitNotPausedOrMigrating(cursor);
        if (cursor.interrupted()) {
          break;
        }
        if (run.migrating()) {
          cursor.park(RunMemory.Position.before(next));
          return;
        }
        cursor.moveTo(step.id());
        RunLog.at(run.input.contactId(), step.id());
        RunLog.LOG.debug(
            "step {} ({})",
            step.id(),
            dev.automap.definitions.model.StepTypes.nameOf(step.getClass()));
        run.enter(step);
        run.markEnter(step);
        at = step;
        since = run.recorded();
        next = steps.execute(cursor, step);
        leave(cursor, step, since);
        at = null;
      }
    } catch (ApplicationFailure failure) {
      if (!BadMap.is(failure)) {
        throw failure;
      }
      if (at != null) {
        run.markLeave(at, "failed", null, ActionExecutor.rootMessage(failure));
      }
      if (run.failure == null) {
        run.failure = failure;
      }
    }
    cursor.finish();
  }

  /**
   * Marks the path's leaving of {@code step} for the counters: completed (with the path a branch,
   * switch or split took) or failed when the step recorded what it did in this visit, else left
   * (the run ended, moved or jumped meanwhile). A path parked inside the step is still on it.
   */
  private void leave(Cursor cursor, Step step, long since) {
    RunMemory.Position parked = cursor.parked();
    if (parked != null && parked.entered()) {
      return;
    }
    if (!run.recordedSince(step.id(), since)) {
      run.markLeave(step, "left", null, null);
      return;
    }
    String decided = null;
    for (var it = run.path.descendingIterator(); it.hasNext(); ) {
      RunStatus.PathEntry entry = it.next();
      if (entry.step().equals(step.id())) {
        decided = entry.outcome();
        break;
      }
    }
    boolean failed = decided != null && decided.startsWith("failed");
    run.markLeave(
        step, failed ? "failed" : "completed", failed ? null : pathOf(step, decided), decided);
  }

  /** The path a branch, switch or split took, from what it recorded; null for other steps. */
  static String pathOf(Step step, String decided) {
    if (decided == null
        || !(step instanceof dev.automap.definitions.model.BranchStep
            || step instanceof dev.automap.definitions.model.SwitchStep
            || step instanceof dev.automap.definitions.model.SplitStep)) {
      return null;
    }
    if (decided.equals("else") || decided.equals("default")) {
      return "otherwise";
    }
    int space = decided.indexOf(' ');
    return space < 0 ? decided : decided.substring(space + 1);
  }

  private Step step(String id) {
    Step step = run.map.step(id);
    if (step == null) {
      throw BadMap.at(id, "no such step in the map");
    }
    return step;
  }

  private void notifyParent(RunState state) {
    if (run.input.notifyWorkflowId() == null) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workflowId", run.selfId());
    data.put("automationKey", run.input.automationKey());
    data.put("state", state.value());
    var info = Workflow.getInfo();
    Map<String, Object> ended = new LinkedHashMap<>();
    ended.put("id", info.getWorkflowId() + "/" + info.getRunId() + "/" + state.value());
    ended.put("type", "automation." + state.value());
    ended.put("contactId", run.input.contactId());
    ended.put("occurredAt", RunScope.now().toString());
    ended.put("data", data);
    try {
      Workflow.newExternalWorkflowStub(AutomationRun.class, run.input.notifyWorkflowId())
          .event(ended);
    } catch (SignalExternalWorkflowException | ApplicationFailure e) {
      // the waiting run has ended meanwhile: nobody to tell
    }
  }

  // ---- continue-as-new -----------------------------------------------------------------------

  private RunMemory remember() {
    List<RunMemory.Position> positions = new ArrayList<>();
    for (Cursor cursor : run.cursors) {
      if (cursor.parked() != null) {
        positions.add(cursor.parked());
      }
    }
    return new RunMemory(
        positions,
        Map.copyOf(run.visits),
        RunScope.nonNull(run.vars),
        List.copyOf(run.goalsMet),
        run.event,
        List.copyOf(inbox),
        List.copyOf(run.path),
        run.paused,
        run.generation);
  }

  private void restore(RunMemory memory) {
    run.visits.putAll(memory.visits());
    run.vars.putAll(memory.vars());
    run.goalsMet.addAll(memory.goalsMet());
    run.event = memory.event();
    inbox.addAll(memory.inbox());
    run.path.addAll(memory.path());
    run.paused = memory.paused();
    run.generation = memory.generation();
    for (RunMemory.Position position : memory.positions()) {
      startCursor(position.step(), position);
    }
  }

  // ---- signals and query ---------------------------------------------------------------------

  @Override
  public void pause(String reason) {
    if (!run.paused && run.exitReason == null) {
      run.paused = true;
      run.reshow(run.shownState() == null ? RunState.RUNNING : run.shownState());
      String why = reason == null || reason.isBlank() ? "no reason given" : reason;
      String was = run.details();
      Workflow.setCurrentDetails("Paused: " + why + (was == null ? "" : " (was: " + was + ")"));
      run.note(pausedAt(), "paused: " + why);
    }
  }

  @Override
  public void resume() {
    if (run.paused) {
      run.paused = false;
      boolean waiting = run.cursors.stream().anyMatch(Cursor::waiting);
      run.reshow(waiting ? RunState.WAITING : RunState.RUNNING);
      Workflow.setCurrentDetails(run.details() == null ? "" : run.details());
      run.note(pausedAt(), "resumed");
    }
  }

  /** The step a pause or resume is recorded at in the path: where the run stands. */
  private String pausedAt() {
    for (Cursor cursor : run.cursors) {
      if (!cursor.settled()) {
        return cursor.step();
      }
    }
    return run.shownStep() != null ? run.shownStep() : run.map.start();
  }

  @Override
  public void exit(String reason) {
    if (run.exitReason == null) {
      run.exitReason = reason == null || reason.isBlank() ? "exit requested" : reason;
    }
  }

  @Override
  public void event(Map<String, Object> ev) {
    if (ev != null && ev.get("type") != null) {
      inbox.addLast(ev);
    }
  }

  @Override
  public void migrate(MigrationOrder order) {
    migration.ask(order);
  }

  @Override
  public RunStatus status() {
    List<String> at = new ArrayList<>();
    Instant earliest = null;
    List<String> waitingFor = new ArrayList<>();
    boolean anyRunning = false;
    for (Cursor cursor : run.cursors) {
      if (cursor.done()) {
        continue;
      }
      at.add(cursor.step());
      if (cursor.waitingFor() != null) {
        waitingFor.add(cursor.step() + ": " + cursor.waitingFor());
        Instant until = cursor.until();
        if (until != null && (earliest == null || until.isBefore(earliest))) {
          earliest = until;
        }
      } else {
        anyRunning = true;
      }
    }
    RunState state;
    if (run.paused) {
      state = RunState.PAUSED;
    } else if (at.isEmpty()) {
      state = RunState.ended(run.exitReason != null, run.failed || run.failure != null);
    } else {
      state = anyRunning ? RunState.RUNNING : RunState.WAITING;
    }
    return new RunStatus(
        state.value(),
        at,
        earliest == null ? null : earliest.toString(),
        waitingFor.isEmpty() ? null : String.join("; ", waitingFor),
        List.copyOf(run.path),
        RunScope.nonNull(run.vars),
        List.copyOf(run.goalsMet));
  }
}
