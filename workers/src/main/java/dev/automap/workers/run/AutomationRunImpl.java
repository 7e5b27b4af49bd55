package dev.automap.workers.run;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.GoalStep;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Interprets a map for one contact. Flow steps are decided deterministically (workflow time, hashed
 * splits, no I/O), each by its own {@link StepExecutor}; decisions on the contact's data are local
 * activities whose only trace in history is the answer; each action step is one activity whose
 * idempotency key makes retries and replays harmless.
 *
 * <p>Each path of the map (one, or several after a {@code fork}) is a {@link Cursor} walked by a
 * {@link PathWalker} in its own workflow thread. This class coordinates them: the main thread
 * handles the events the run is signalled ({@link RunEvents}), jumps to met goals, and continues as
 * new when history grows long, carrying every cursor's position in a {@link RunMemory} ({@link
 * RunCarry}); it ends the run ({@link RunEnd}), and answers the signals and the query ({@link
 * StatusQuery}).
 */
public class AutomationRunImpl implements AutomationRun {
  /** The task queue previews run on; their runs keep their whole path for the timeline. */
  public static final String PREVIEW_TASK_QUEUE = "simulation";

  private final RunScope run = new RunScope();
  private final PathWalker walker = new PathWalker(run, new Steps(run));
  private final RunEvents events = new RunEvents(run);
  private final RunEnd end = new RunEnd(run);
  private final RunMigration migration = new RunMigration(run);
  private final Deque<Map<String, Object>> inbox = new ArrayDeque<>();

  /** Whether the main thread is handling an event (taken from the inbox). */
  private boolean handling;

  @Override
  public RunOutcome run(RunInput input) {
    run.start(input, step -> startCursor(step, null));
    run.endAhead.unhandled(() -> handling || !inbox.isEmpty());
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
      RunCarry.restore(input.memory(), run, inbox, this::startCursor);
    }
    String lastStep;
    try {
      lastStep = coordinate();
    } catch (ApplicationFailure failure) {
      if (BadMap.is(failure)) {
        end.failBadMap(failure);
      }
      throw failure;
    }
    return end.finish(lastStep);
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
                  || Cursor.allSettled(run.cursors));
      if (run.failure != null) {
        Workflow.await(() -> Cursor.allSettled(run.cursors));
        throw run.failure;
      }
      if (migration.asked()) {
        migration.begin();
        continue;
      }
      if (!inbox.isEmpty()) {
        handling = true;
        events.handle(inbox.poll());
        handling = false;
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
        run.marks.flush(run.cursors.getLast().step());
        Workflow.continueAsNew(run.input.withMemory(RunCarry.remember(run, inbox)));
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
                .withMemory(RunCarry.remember(run, inbox).withPositions(migration.mapped(parked)));
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
    Workflow.await(() -> Cursor.allSettled(run.cursors));
    run.cursors.clear();
    run.enter(goal);
    run.marks.enter(goal);
    run.record(goal.id(), "goal met");
    run.marks.leave(goal, "completed", null, "goal met");
    startCursor(goal.next(), null);
  }

  /** Starts a path at {@code stepId} in a workflow thread of its own (inside it when resumed). */
  private void startCursor(String stepId, RunMemory.Position resume) {
    Cursor cursor = new Cursor(run, stepId);
    run.cursors.add(cursor);
    Async.procedure(() -> walker.walk(cursor, resume));
  }

  // ---- signals and query ---------------------------------------------------------------------

  @Override
  public void pause(String reason) {
    run.branchAhead.heard();
    if (!run.paused && run.exitReason == null) {
      run.paused = true;
      run.shown.reshow(run.shown.state() == null ? RunState.RUNNING : run.shown.state());
      String why = reason == null || reason.isBlank() ? "no reason given" : reason;
      String was = run.shown.details();
      Workflow.setCurrentDetails("Paused: " + why + (was == null ? "" : " (was: " + was + ")"));
      run.note(pausedAt(), "paused: " + why);
    }
  }

  @Override
  public void resume() {
    run.branchAhead.heard();
    if (run.paused) {
      run.paused = false;
      boolean waiting = run.cursors.stream().anyMatch(Cursor::waiting);
      run.shown.reshow(waiting ? RunState.WAITING : RunState.RUNNING);
      Workflow.setCurrentDetails(run.shown.details() == null ? "" : run.shown.details());
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
    return run.shown.step() != null ? run.shown.step() : run.map.start();
  }

  @Override
  public void exit(String reason) {
    if (run.exitReason == null) {
      run.exitReason = reason == null || reason.isBlank() ? "exit requested" : reason;
    }
  }

  @Override
  public void event(Map<String, Object> ev) {
    run.branchAhead.heard();
    if (ev != null && ev.get("type") != null) {
      inbox.addLast(ev);
    }
  }

  @Override
  public void migrate(MigrationOrder order) {
    run.branchAhead.heard();
    migration.ask(order);
  }

  @Override
  public RunStatus status() {
    return StatusQuery.of(run);
  }
}
