package dev.automap.workers.run;

import dev.automap.definitions.model.Match;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * One path of the map, walked by its own workflow thread: the step it is at, what it waits for, and
 * whether it has ended or parked for continue-as-new. All its waiting goes through {@link #await}.
 */
final class Cursor {
  /** Why a wait ended. */
  enum Woke {
    /** The time came (then, if the run was paused, the resume). */
    REACHED,
    /** What it listened for happened (an event, a condition, a goal, another run's end). */
    MATCHED,
    /** The deadline passed before what it listened for happened. */
    TIMED_OUT,
    /** The date field the wait follows may have changed: work the time out again. */
    FIELD_CHANGED,
    /** The run ends, jumps to a goal, or this path was stopped. */
    INTERRUPTED,
    /** History is full: the path stays inside the step and goes on after continue-as-new. */
    PARKED
  }

  private final RunScope run;
  final int generation;
  private String step;
  private boolean done;
  private boolean stopped;
  private RunMemory.Position parked;

  /** Set while waiting: until when (null: no deadline) and for what, in words. */
  private Instant until;

  private String waitingFor;

  /** What this cursor listens for while waiting: a wait_for's or goal's match, a run's end. */
  private List<Match> listening;

  private boolean matched;

  /** A wait on a date field re-reads it when the field changes. */
  private String watchedField;

  private boolean fieldChanged;

  /** The scope of the timer of a wait that ended before its deadline, until cancelled. */
  private CancellationScope timer;

  Cursor(RunScope run, String step) {
    this.run = run;
    this.generation = run.generation;
    this.step = step;
  }

  /** The step this path is at (or was at last). */
  String step() {
    return step;
  }

  void moveTo(String stepId) {
    step = stepId;
  }

  boolean done() {
    return done;
  }

  /** This path has ended (or stopped, or failed). */
  void finish() {
    done = true;
  }

  /** Makes this path stop what it does (the run jumps to a goal). */
  void stop() {
    stopped = true;
  }

  /** Where this path goes on after continue-as-new; null unless parked. */
  RunMemory.Position parked() {
    return parked;
  }

  void park(RunMemory.Position at) {
    parked = at;
  }

  Instant until() {
    return until;
  }

  String waitingFor() {
    return waitingFor;
  }

  /** The matches this path waits for; null when it waits for none. */
  List<Match> listening() {
    return listening;
  }

  /** What this path listens for has happened. */
  void hearMatch() {
    matched = true;
  }

  /** The date field the path's wait follows; null when none. */
  String watchedField() {
    return watchedField;
  }

  void hearFieldChanged() {
    fieldChanged = true;
  }

  /** Follows {@code field} during the next hold (null: none), forgetting earlier changes. */
  void watch(String field) {
    watchedField = field;
    fieldChanged = false;
  }

  void unwatch() {
    watchedField = null;
  }

  boolean settled() {
    return done || parked != null;
  }

  /**
   * Whether every one of {@code cursors} has ended or parked. A loop rather than a stream: the main
   * thread's waits ask it each time the workflow's threads run.
   */
  static boolean allSettled(List<Cursor> cursors) {
    for (Cursor cursor : cursors) {
      if (!cursor.settled()) {
        return false;
      }
    }
    return true;
  }

  boolean waiting() {
    return !settled() && waitingFor != null;
  }

  /** Whether this cursor must stop what it does now: the run ends, it jumps or continues as new. */
  boolean interrupted() {
    return stopped || run.ending() || generation != run.generation;
  }

  /**
   * Holds until a time; records the wait when the time came. {@code kind} and {@code zone} name the
   * hold in its timer's summary.
   */
  Woke hold(String stepId, Instant time, String what, String kind, ZoneId zone) {
    Woke woke = await(Wait.until(stepId, time, what, kind, zone));
    if (woke == Woke.REACHED) {
      run.record(stepId, "waited until " + time);
    }
    return woke;
  }

  /**
   * Waits as {@code wait} says: shows the run waiting, blocks until the wait is over, parks the
   * path when history is full or a migration begins meanwhile, and once over waits out a pause. A
   * hold also ends early when its watched field changes.
   */
  Woke await(Wait wait) {
    boolean holding = wait.holding();
    if (!holding) {
      listening = wait.listening();
    }
    matched = false;
    until = wait.until();
    waitingFor = wait.waitingFor();
    run.shown.show(RunState.WAITING, wait.step());
    run.shown.details(wait.details());
    run.marks.flush(wait.step());
    boolean early = block(wait, holding);
    boolean park =
        holding
            ? early && !fieldChanged
            : !met(wait) && (wait.until() == null || wait.until().isAfter(RunScope.now()));
    park = park && !interrupted() && (run.historyFull() || run.migrating());
    listening = null;
    until = null;
    waitingFor = null;
    if (park) {
      // the timer goes with continue-as-new: cancelling it would only add events
      timer = null;
      parked = RunMemory.Position.inside(wait.step(), wait.until());
      return Woke.PARKED;
    }
    cancelTimer();
    if (holding && early) {
      return fieldChanged && !interrupted() ? Woke.FIELD_CHANGED : Woke.INTERRUPTED;
    }
    run.awaitNotPaused(this);
    if (interrupted()) {
      return Woke.INTERRUPTED;
    }
    if (holding) {
      return Woke.REACHED;
    }
    return met(wait) ? Woke.MATCHED : Woke.TIMED_OUT;
  }

  /**
   * Blocks until the wait is woken; true when woken before its deadline (or without one). The
   * deadline is a timer with a summary naming the step and the time, in a scope of its own so that
   * it can be cancelled when the wait ends early.
   */
  private boolean block(Wait wait, boolean holding) {
    java.util.function.Supplier<Boolean> woken =
        () ->
            matched
                || wait.met().getAsBoolean()
                || interrupted()
                || (holding && fieldChanged)
                || run.historyFull()
                || run.migrating();
    if (wait.until() == null) {
      Workflow.await(woken);
      return true;
    }
    Duration left = Duration.between(RunScope.now(), wait.until());
    if (!left.isPositive()) {
      return false;
    }
    TimerOptions options = TimerOptions.newBuilder().setSummary(wait.timerSummary()).build();
    @SuppressWarnings("unchecked")
    Promise<Void>[] fires = new Promise[1];
    CancellationScope scope =
        Workflow.newCancellationScope(() -> fires[0] = Workflow.newTimer(left, options));
    scope.run();
    Promise<Void> fired = fires[0];
    Workflow.await(() -> fired.isCompleted() || woken.get());
    if (fired.isCompleted()) {
      return false;
    }
    timer = scope;
    return true;
  }

  /**
   * Cancels the timer of a wait that ended early, so that Temporal UI does not draw it as pending.
   * Runs recorded before timers were cancelled replay without it (see {@link
   * RunScope#cancelsTimers}).
   */
  private void cancelTimer() {
    CancellationScope scope = timer;
    timer = null;
    if (scope != null && run.cancelsTimers()) {
      scope.cancel();
    }
  }

  private boolean met(Wait wait) {
    return matched || wait.met().getAsBoolean();
  }
}
