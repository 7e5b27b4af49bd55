package dev.automap.workers.run;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Not;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.flow.SplitBucket;
import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Branch;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.DripStep;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.FlowStep;
import dev.automap.definitions.model.ForkStep;
import dev.automap.definitions.model.FormatStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.IfPast;
import dev.automap.definitions.model.IfUnmet;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.MessageStep;
import dev.automap.definitions.model.OnError;
import dev.automap.definitions.model.PauseEnrollmentStep;
import dev.automap.definitions.model.ResumeEnrollmentStep;
import dev.automap.definitions.model.SetVarStep;
import dev.automap.definitions.model.SplitPath;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.model.SwitchCase;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.UnenrollStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.workers.actions.ActionPolicy;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.enrollment.EnrollmentService;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.DateTimeException;
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
import java.util.function.Supplier;

/**
 * Interprets a map for one contact. Flow steps are decided here, deterministically (workflow time,
 * hashed splits, no I/O); decisions on the contact's data are local activities whose only trace in
 * history is the answer; each action step is one activity whose idempotency key makes retries and
 * replays harmless.
 *
 * <p>Each path of the map (one, or several after a {@code fork}) is a cursor running in its own
 * workflow thread. The main thread handles the events the run is signalled (exits, goals, {@code
 * wait_for}, changed date fields), jumps to met goals, and continues as new when history grows
 * long, carrying every cursor's position in a {@link RunMemory}.
 */
public class AutomationRunImpl implements AutomationRun {
  private static final int PATH_KEPT = 100;

  private final FactsActivities facts =
      Workflow.newLocalActivityStub(
          FactsActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
              .build());

  private final EngineActivities engine =
      Workflow.newActivityStub(
          EngineActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  /** Recording a run's end or goal retries until the store answers (a database outage). */
  private final EngineActivities engineLocal =
      Workflow.newLocalActivityStub(
          EngineActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(Duration.ofHours(1))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(5)).build())
              .build());

  private RunInput input;
  private AutomationMap map;
  private final Map<String, Integer> visits = new LinkedHashMap<>();
  private final Deque<RunStatus.PathEntry> path = new ArrayDeque<>();
  private final Map<String, Object> vars = new LinkedHashMap<>();
  private final Set<String> goalsMet = new LinkedHashSet<>();
  private final List<Cursor> cursors = new ArrayList<>();
  private final Deque<Map<String, Object>> inbox = new ArrayDeque<>();
  private Map<String, Object> event;
  private boolean paused;
  private String exitReason;
  private String endReason;
  private GoalStep goalJump;
  private int generation;
  private String shownState;
  private String shownStep;

  /** One path of the map, walked by its own workflow thread. */
  private final class Cursor {
    final int generation;
    String step;
    boolean done;
    boolean stopped;
    RunMemory.Position parked;

    /** Set while waiting: until when (null: no deadline) and for what, in words. */
    Instant until;

    String waitingFor;

    /** What this cursor listens for while waiting: a wait_for's or goal's match, a run's end. */
    List<Match> listening;

    boolean matched;

    /** A wait on a date field re-reads it when the field changes. */
    String watchedField;

    boolean fieldChanged;

    Cursor(int generation, String step) {
      this.generation = generation;
      this.step = step;
    }

    boolean settled() {
      return done || parked != null;
    }

    /**
     * Whether this cursor must stop what it does now: the run ends, it jumps or continues as new.
     */
    boolean interrupted() {
      return stopped
          || exitReason != null
          || endReason != null
          || generation != AutomationRunImpl.this.generation;
    }
  }

  @Override
  public RunOutcome run(RunInput runInput) {
    input = runInput;
    map = runInput.map();
    RunMemory memory = runInput.memory();
    if (memory == null) {
      event = runInput.event();
      startCursor(map.start(), null);
    } else {
      restore(memory);
    }

    String lastStep = null;
    while (true) {
      Workflow.await(
          () -> !inbox.isEmpty() || goalJump != null || cursors.stream().allMatch(Cursor::settled));
      if (!inbox.isEmpty()) {
        handle(inbox.poll());
        continue;
      }
      if (goalJump != null && exitReason == null && endReason == null) {
        GoalStep goal = goalJump;
        goalJump = null;
        generation++;
        cursors.forEach(c -> c.stopped = true);
        Workflow.await(() -> cursors.stream().allMatch(Cursor::settled));
        cursors.clear();
        enter(goal);
        record(goal.id(), "goal met");
        startCursor(goal.next(), null);
        continue;
      }
      if (exitReason == null
          && endReason == null
          && cursors.stream().anyMatch(c -> c.parked != null)) {
        Workflow.continueAsNew(input.withMemory(remember()));
      }
      lastStep = cursors.isEmpty() ? null : cursors.getLast().step;
      break;
    }
    String state = exitReason == null ? "completed" : "exited";
    cursors.clear();
    // runs recorded before the enrollments table learned how runs end do not record it on replay
    if (Workflow.getVersion("record-finish", Workflow.DEFAULT_VERSION, 1) >= 1) {
      try {
        engineLocal.finish(selfId(), state, exitReason != null ? exitReason : endReason, now());
      } catch (io.temporal.failure.ActivityFailure e) {
        // the store stayed away: the enrollment reconciler records the end from this result
      }
    }
    notifyParent(state);
    return new RunOutcome(state, exitReason != null ? exitReason : endReason, lastStep);
  }

  // ---- cursors -------------------------------------------------------------------------------

  private void startCursor(String stepId, RunMemory.Position resume) {
    Cursor cursor = new Cursor(generation, stepId);
    cursors.add(cursor);
    Async.procedure(() -> walk(cursor, resume));
  }

  private void walk(Cursor cursor, RunMemory.Position resume) {
    String next = cursor.step;
    if (resume != null && resume.entered()) {
      next = resumeInside(cursor, map.step(resume.step()), resume.until());
    }
    while (next != null && !cursor.interrupted()) {
      if (historyFull()) {
        cursor.parked = new RunMemory.Position(next, false, null);
        return;
      }
      Step step = map.step(next);
      if (step == null) {
        record(next, "no such step");
        break;
      }
      awaitNotPaused(cursor);
      if (cursor.interrupted()) {
        break;
      }
      cursor.step = step.id();
      enter(step);
      next =
          switch (step) {
            case FlowStep flow -> decide(cursor, flow);
            case ActionStep action -> act(cursor, action);
          };
    }
    cursor.done = true;
  }

  /** Goes on with a step a previous run of this chain was inside of when it continued as new. */
  private String resumeInside(Cursor cursor, Step step, Instant until) {
    cursor.step = step.id();
    return switch (step) {
      case WaitStep w -> holdUntil(cursor, w, until, "until " + until) ? w.next() : null;
      case DripStep d ->
          holdUntil(cursor, d, until, "its drip batch at " + until) ? d.next() : null;
      case WaitForStep w -> awaitMatch(cursor, w, matchOf(w), until);
      case GoalStep g -> awaitGoal(cursor, g);
      case EnrollStep e ->
          awaitRunEnd(
              cursor,
              e,
              EnrollmentService.workflowId(input.accountId(), e.automation(), input.contactId()));
      default -> throw new IllegalStateException("cannot resume inside " + step.id());
    };
  }

  private boolean historyFull() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= input.historyLimitOrDefault()
        || info.isContinueAsNewSuggested();
  }

  // ---- flow steps ----------------------------------------------------------------------------

  private String decide(Cursor cursor, FlowStep step) {
    return switch (step) {
      case WaitStep w -> waitStep(cursor, w);
      case WaitForStep w -> waitFor(cursor, w);
      case BranchStep b -> branch(b);
      case SwitchStep s -> switchOn(s);
      case SplitStep s -> split(s);
      case GoalStep g -> reachGoal(cursor, g);
      case ForkStep f -> {
        record(f.id(), "forked into " + String.join(", ", f.paths()));
        f.paths().forEach(p -> startCursor(p, null));
        yield null;
      }
      case DripStep d -> drip(cursor, d);
      case EnrollStep e -> enroll(cursor, e);
      case UnenrollStep u ->
          signalOther(
              u.id(),
              u.automation(),
              "exit",
              "unenrolled by " + map.key() + "/" + u.id(),
              u.next());
      case PauseEnrollmentStep p -> signalOther(p.id(), p.automation(), "pause", null, p.next());
      case ResumeEnrollmentStep r -> signalOther(r.id(), r.automation(), "resume", null, r.next());
      case SetVarStep s -> {
        Object value = facts.value(factsRequest(), s.value(), s.cel());
        vars.put(s.variable(), value);
        record(s.id(), "set " + s.variable());
        yield s.next();
      }
      case FormatStep f -> {
        vars.put(f.variable(), facts.format(factsRequest(), f.input(), f.as()));
        record(f.id(), "formatted " + f.variable());
        yield f.next();
      }
      case EndStep e -> {
        record(e.id(), "ended");
        endReason = "reached " + e.id();
        yield null;
      }
    };
  }

  private String waitStep(Cursor cursor, WaitStep step) {
    Instant now = now();
    Instant until;
    String field = null;
    WaitStep.Form form = step.form();
    if (form == null) {
      throw new IllegalStateException("wait " + step.id() + " has no single form");
    }
    switch (form) {
      case DURATION -> until = now.plus(step.duration());
      case UNTIL -> until = step.until();
      case AT -> until = WaitTimes.nextAt(step.at(), zone(step.timezone(), null), now);
      case WEEKDAYS ->
          until =
              WaitTimes.nextWeekdayAt(step.weekdays(), step.at(), zone(step.timezone(), null), now);
      case WINDOW -> until = WaitTimes.windowStart(step.window(), zone(step.timezone(), null), now);
      case UNTIL_FIELD -> {
        field = step.untilField();
        until = fieldInstant(step);
      }
      default -> throw new IllegalStateException("unknown wait form " + form);
    }
    while (true) {
      if (until == null || !until.isAfter(now())) {
        if (until == null || field != null) {
          boolean end = step.ifPastOrDefault() == IfPast.END;
          record(
              step.id(),
              (until == null ? "no date" : "date passed") + (end ? ", ended" : ", continued"));
          if (end) {
            endReason =
                "wait " + step.id() + ": the date was " + (until == null ? "empty" : "past");
            return null;
          }
          return step.next();
        }
        record(step.id(), "no wait needed");
        return step.next();
      }
      cursor.watchedField = field;
      cursor.fieldChanged = false;
      boolean reached =
          holdUntil(
              cursor, step, until, "until " + until + (field == null ? "" : " (" + field + ")"));
      cursor.watchedField = null;
      if (reached) {
        return step.next();
      }
      if (cursor.fieldChanged && !cursor.interrupted() && cursor.parked == null) {
        until = fieldInstant(step);
        continue;
      }
      return null;
    }
  }

  /**
   * Waits until {@code until}; true when it came (then, if paused, after the resume). False when
   * the cursor was interrupted, parked for continue-as-new, or its watched field changed.
   */
  private boolean holdUntil(Cursor cursor, Step step, Instant until, String what) {
    cursor.until = until;
    cursor.waitingFor = what;
    show("waiting", step.id());
    Workflow.setCurrentDetails("Waiting on **" + step.id() + "** " + what);
    Duration left = Duration.between(now(), until);
    boolean reached = true;
    if (left.isPositive()) {
      reached =
          !Workflow.await(left, () -> cursor.interrupted() || cursor.fieldChanged || historyFull());
      if (!reached && historyFull() && !cursor.interrupted() && !cursor.fieldChanged) {
        cursor.parked = new RunMemory.Position(step.id(), true, until);
      }
    }
    cursor.until = null;
    cursor.waitingFor = null;
    if (!reached) {
      return false;
    }
    awaitNotPaused(cursor);
    if (cursor.interrupted()) {
      return false;
    }
    record(step.id(), "waited until " + until);
    return true;
  }

  private Instant fieldInstant(WaitStep step) {
    WaitFacts found = facts.waitFacts(factsRequest(), step.untilField());
    ZoneId zone = zone(step.timezone(), found.timezone());
    return WaitTimes.fromField(found.value(), step.offset(), step.at(), zone);
  }

  private String waitFor(Cursor cursor, WaitForStep step) {
    Match match = matchOf(step);
    if (match instanceof Match.OnCondition c && holds(List.of(c.condition())).contains(0)) {
      record(step.id(), "condition already met");
      return step.next();
    }
    Instant deadline = step.timeout() == null ? null : now().plus(step.timeout());
    return awaitMatch(cursor, step, match, deadline);
  }

  private static Match matchOf(WaitForStep step) {
    return step.event() != null ? Match.of(step.event()) : Match.of(step.condition());
  }

  /** Waits for a wait_for's match until the deadline; the next step, or null when interrupted. */
  private String awaitMatch(Cursor cursor, WaitForStep step, Match match, Instant deadline) {
    cursor.listening = List.of(match);
    cursor.matched = false;
    cursor.until = deadline;
    cursor.waitingFor = describe(match);
    show("waiting", step.id());
    Workflow.setCurrentDetails(
        "Waiting on **"
            + step.id()
            + "** for "
            + cursor.waitingFor
            + (deadline == null ? "" : ", at most until " + deadline));
    Supplier<Boolean> woken = () -> cursor.matched || cursor.interrupted() || historyFull();
    if (deadline == null) {
      Workflow.await(woken::get);
    } else {
      Duration left = Duration.between(now(), deadline);
      if (left.isPositive()) {
        Workflow.await(left, woken::get);
      }
    }
    cursor.listening = null;
    cursor.until = null;
    cursor.waitingFor = null;
    if (!cursor.matched
        && !cursor.interrupted()
        && historyFull()
        && (deadline == null || deadline.isAfter(now()))) {
      cursor.parked = new RunMemory.Position(step.id(), true, deadline);
      return null;
    }
    awaitNotPaused(cursor);
    if (cursor.interrupted()) {
      return null;
    }
    if (cursor.matched) {
      record(step.id(), "matched " + describe(match));
      return step.next();
    }
    record(step.id(), "timed out");
    return step.onTimeout();
  }

  private String branch(BranchStep step) {
    List<Condition> conditions = step.branches().stream().map(Branch::when).toList();
    List<Integer> holding = holds(conditions);
    if (holding.isEmpty()) {
      record(step.id(), "else");
      return step.otherwise();
    }
    Branch chosen = step.branches().get(holding.getFirst());
    record(step.id(), "branch " + (chosen.name() == null ? holding.getFirst() : chosen.name()));
    return chosen.next();
  }

  private String switchOn(SwitchStep step) {
    List<Condition> conditions =
        step.cases().stream()
            .map(c -> (Condition) new FieldCondition(step.on(), Op.EQ, c.value()))
            .toList();
    List<Integer> holding = holds(conditions);
    if (holding.isEmpty()) {
      record(step.id(), "default");
      return step.otherwise();
    }
    SwitchCase chosen = step.cases().get(holding.getFirst());
    record(step.id(), "case " + chosen.value());
    return chosen.next();
  }

  private String split(SplitStep step) {
    List<Integer> percents = step.paths().stream().map(SplitPath::percent).toList();
    int index = SplitBucket.pick(percents, input.automationKey(), step.id(), input.contactId());
    SplitPath chosen = step.paths().get(index);
    record(step.id(), "path " + (chosen.name() == null ? index : chosen.name()));
    return chosen.next();
  }

  private String reachGoal(Cursor cursor, GoalStep step) {
    if (goalsMet.contains(step.id())) {
      record(step.id(), "goal already met");
      return step.next();
    }
    if (step.when() instanceof Match.OnCondition c && holds(List.of(c.condition())).contains(0)) {
      markGoal(step.id());
      record(step.id(), "goal met");
      return step.next();
    }
    IfUnmet ifUnmet = step.ifUnmetOrDefault();
    return switch (ifUnmet) {
      case END -> {
        record(step.id(), "goal not met, ended");
        endReason = "goal " + step.id() + " not met";
        yield null;
      }
      case CONTINUE -> {
        record(step.id(), "goal not met, continued");
        yield step.next();
      }
      case WAIT -> awaitGoal(cursor, step);
    };
  }

  private String awaitGoal(Cursor cursor, GoalStep step) {
    cursor.listening = List.of(step.when());
    cursor.matched = false;
    cursor.waitingFor = "goal " + describe(step.when());
    show("waiting", step.id());
    Workflow.setCurrentDetails("Waiting on **" + step.id() + "** for " + cursor.waitingFor);
    Workflow.await(
        () ->
            cursor.matched
                || goalsMet.contains(step.id())
                || cursor.interrupted()
                || historyFull());
    cursor.listening = null;
    cursor.waitingFor = null;
    boolean met = cursor.matched || goalsMet.contains(step.id());
    if (!met && !cursor.interrupted()) {
      cursor.parked = new RunMemory.Position(step.id(), true, null);
      return null;
    }
    awaitNotPaused(cursor);
    if (cursor.interrupted()) {
      return null;
    }
    markGoal(step.id());
    record(step.id(), "goal met");
    return step.next();
  }

  private String drip(Cursor cursor, DripStep step) {
    Instant release =
        engine.drip(
            key(step),
            input.accountId(),
            input.automationKey(),
            step.id(),
            step.batchSize(),
            step.every(),
            now());
    if (!release.isAfter(now())) {
      record(step.id(), "released at once");
      return step.next();
    }
    return holdUntil(cursor, step, release, "its drip batch at " + release) ? step.next() : null;
  }

  private String enroll(Cursor cursor, EnrollStep step) {
    String notify = step.waits() ? selfId() : null;
    EngineActivities.Enrolled enrolled =
        engine.enroll(
            key(step), input.accountId(), step.automation(), input.contactId(), notify, event);
    if (enrolled.refused() != null) {
      record(step.id(), "not enrolled: " + enrolled.refused());
      return step.next();
    }
    if (!step.waits()) {
      record(step.id(), "enrolled in " + step.automation());
      return step.next();
    }
    return awaitRunEnd(cursor, step, enrolled.enrollmentId());
  }

  /**
   * Holds an {@code enroll} step with {@code wait: true} until the run it started signals its end.
   */
  private String awaitRunEnd(Cursor cursor, EnrollStep step, String workflowId) {
    Condition ofThatRun =
        new FieldCondition("event.data.workflowId", Op.EQ, TextNode.valueOf(workflowId));
    cursor.listening =
        List.of(
            Match.of(new EventMatch("automation.completed", ofThatRun, null)),
            Match.of(new EventMatch("automation.exited", ofThatRun, null)));
    cursor.matched = false;
    cursor.waitingFor = "the run " + workflowId + " to end";
    show("waiting", step.id());
    Workflow.setCurrentDetails("Waiting on **" + step.id() + "** for " + cursor.waitingFor);
    Workflow.await(() -> cursor.matched || cursor.interrupted() || historyFull());
    cursor.listening = null;
    cursor.waitingFor = null;
    if (!cursor.matched && !cursor.interrupted()) {
      cursor.parked = new RunMemory.Position(step.id(), true, null);
      return null;
    }
    awaitNotPaused(cursor);
    if (cursor.interrupted()) {
      return null;
    }
    record(step.id(), "enrolled in " + step.automation() + ", which ended");
    return step.next();
  }

  private String signalOther(
      String stepId, String automation, String signal, String reason, String next) {
    String workflowId =
        EnrollmentService.workflowId(input.accountId(), automation, input.contactId());
    try {
      var other = Workflow.newUntypedExternalWorkflowStub(workflowId);
      if (reason == null) {
        other.signal(signal);
      } else {
        other.signal(signal, reason);
      }
      record(stepId, signal + " sent to " + automation);
    } catch (SignalExternalWorkflowException | io.temporal.failure.ApplicationFailure e) {
      // the external workflow is not running: NOT_FOUND comes back as a failure of the command
      record(stepId, "no run in " + automation);
    }
    return next;
  }

  // ---- actions -------------------------------------------------------------------------------

  private String act(Cursor cursor, ActionStep step) {
    awaitNotPaused(cursor);
    if (cursor.interrupted()) {
      return null;
    }
    if (step instanceof MessageStep && !holdForQuietHours(cursor, step)) {
      return null;
    }
    show("running", step.id());
    String type = StepTypes.nameOf(step.getClass());
    ActionRequest request =
        new ActionRequest(
            key(step),
            input.accountId(),
            input.contactId(),
            input.automationKey(),
            step.id(),
            nonNull(vars),
            event);
    ActionResult result;
    try {
      result =
          Workflow.newUntypedActivityStub(ActionPolicy.forType(type).activityOptions())
              .execute(type, ActionResult.class, request, step);
    } catch (ActivityFailure failure) {
      record(step.id(), "failed: " + rootMessage(failure));
      return afterError(step);
    }
    record(
        step.id(),
        result.detail() == null ? result.outcome() : result.outcome() + ": " + result.detail());
    if (result.output() != null) {
      vars.putAll(result.output());
    }
    if (result.endsRun()) {
      endReason = step.id() + " ended the journey";
      return null;
    }
    return step.next();
  }

  /**
   * Holds a message while the map's quiet hours last (in their zone, the contact's with {@code
   * "contact"}); false when the cursor was interrupted or parked meanwhile.
   */
  private boolean holdForQuietHours(Cursor cursor, ActionStep step) {
    var quiet = map.quietHours();
    if (quiet == null) {
      return true;
    }
    Instant until =
        WaitTimes.quietUntil(quiet.from(), quiet.to(), zone(quiet.timezone(), null), now());
    if (until == null) {
      return true;
    }
    boolean reached = holdUntil(cursor, step, until, "the end of quiet hours at " + until);
    if (!reached && cursor.parked != null) {
      // it goes on at this step after continue-as-new: the message is then checked again
      cursor.parked = new RunMemory.Position(step.id(), false, null);
    }
    return reached;
  }

  /**
   * {@code onError}: {@code end} (the default) ends the run, {@code continue} goes on, or a step.
   */
  private String afterError(ActionStep step) {
    OnError onError = step.onError();
    String then = onError == null || onError.then() == null ? OnError.END : onError.then();
    return switch (then) {
      case OnError.END -> {
        endReason = step.id() + " failed";
        yield null;
      }
      case OnError.CONTINUE -> step.next();
      default -> then;
    };
  }

  // ---- events --------------------------------------------------------------------------------

  /**
   * One event about the contact: exits first, then goals, then waiting cursors. Every condition
   * involved is judged in one local activity.
   */
  private void handle(Map<String, Object> ev) {
    String type = String.valueOf(ev.get("type"));
    List<Condition> toJudge = new ArrayList<>();
    List<Runnable> onHold = new ArrayList<>();
    var enrollment = map.enrollment();
    if (enrollment != null) {
      for (Match exit : enrollment.exitWhenOrEmpty()) {
        listen(
            exit,
            ev,
            type,
            toJudge,
            onHold,
            () -> {
              if (exitReason == null) {
                exitReason = "exit condition met: " + describe(exit);
              }
            });
      }
      if (enrollment.exitsWhenAudienceUnmet() && enrollment.audience() != null) {
        toJudge.add(new Not(enrollment.audience()));
        onHold.add(
            () -> {
              if (exitReason == null) {
                exitReason = "no longer in the audience";
              }
            });
      }
    }
    for (Step step : map.steps()) {
      if (step instanceof GoalStep goal && !goalsMet.contains(goal.id()) && goal.when() != null) {
        listen(goal.when(), ev, type, toJudge, onHold, () -> meetGoal(goal, ev));
      }
    }
    for (Cursor cursor : List.copyOf(cursors)) {
      if (cursor.listening != null && !cursor.settled()) {
        for (Match match : cursor.listening) {
          listen(
              match,
              ev,
              type,
              toJudge,
              onHold,
              () -> {
                cursor.matched = true;
                event = ev;
              });
        }
      }
      if (cursor.watchedField != null
          && "contact.updated".equals(type)
          && changed(ev, cursor.watchedField)) {
        cursor.fieldChanged = true;
      }
    }
    if (toJudge.isEmpty()) {
      return;
    }
    List<Condition> conditions = new ArrayList<>();
    List<Integer> judged = new ArrayList<>();
    for (int i = 0; i < toJudge.size(); i++) {
      if (toJudge.get(i) != null) {
        judged.add(i);
        conditions.add(toJudge.get(i));
      }
    }
    Set<Integer> holding = new LinkedHashSet<>();
    for (int i = 0; i < toJudge.size(); i++) {
      if (toJudge.get(i) == null) {
        holding.add(i);
      }
    }
    if (!conditions.isEmpty()) {
      for (int index : facts.holding(factsRequest(ev), conditions)) {
        holding.add(judged.get(index));
      }
    }
    for (int i : holding) {
      onHold.get(i).run();
    }
  }

  /**
   * Adds what a match needs judged for this event: nothing when the event does not fit, null (met)
   * for a fitting event without {@code where}, else the condition to judge.
   */
  private void listen(
      Match match,
      Map<String, Object> ev,
      String type,
      List<Condition> toJudge,
      List<Runnable> onHold,
      Runnable then) {
    switch (match) {
      case Match.OnEvent e -> {
        EventMatch m = e.event();
        if (!type.equals(m.event()) || !fromStepFits(m.fromStep(), ev)) {
          return;
        }
        toJudge.add(m.where());
        onHold.add(then);
      }
      case Match.OnCondition c -> {
        toJudge.add(c.condition());
        onHold.add(then);
      }
    }
  }

  private void meetGoal(GoalStep goal, Map<String, Object> ev) {
    if (goalsMet.contains(goal.id()) || goalJump != null) {
      return;
    }
    event = ev;
    Cursor waitingHere = null;
    for (Cursor cursor : cursors) {
      if (!cursor.settled() && goal.id().equals(cursor.step) && cursor.listening != null) {
        waitingHere = cursor;
      }
    }
    if (waitingHere != null) {
      waitingHere.matched = true;
    } else {
      goalJump = goal;
      generation++; // every path stops where it is, before anything else is done
    }
    markGoal(goal.id());
  }

  /** Notes a goal as met and, where the engine listens, raises {@code automation.goal_met}. */
  private void markGoal(String goalId) {
    if (goalsMet.add(goalId)
        && Workflow.getVersion("goal-event", Workflow.DEFAULT_VERSION, 1) >= 1) {
      engineLocal.goalMet(selfId(), Workflow.getInfo().getRunId(), goalId);
    }
  }

  private boolean fromStepFits(String fromStep, Map<String, Object> ev) {
    if (fromStep == null) {
      return true;
    }
    if (!(ev.get("source") instanceof Map<?, ?> source)) {
      return false;
    }
    return selfId().equals(source.get("workflowId")) && fromStep.equals(source.get("stepId"));
  }

  /** This run's workflow ID, from its input (the spec's form), the same in a replay. */
  private String selfId() {
    return EnrollmentService.workflowId(
        input.accountId(), input.automationKey(), input.contactId());
  }

  private static boolean changed(Map<String, Object> ev, String field) {
    if (!(ev.get("data") instanceof Map<?, ?> data)
        || !(data.get("changed") instanceof List<?> names)) {
      return false;
    }
    String bare = field.startsWith("contact.") ? field.substring("contact.".length()) : field;
    for (Object name : names) {
      String n = String.valueOf(name);
      if (n.equals(field) || n.equals(bare) || ("fields." + n).equals(bare)) {
        return true;
      }
    }
    return false;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private List<Integer> holds(List<Condition> conditions) {
    return facts.holding(factsRequest(), conditions);
  }

  private FactsRequest factsRequest() {
    return factsRequest(event);
  }

  private FactsRequest factsRequest(Map<String, Object> ev) {
    return new FactsRequest(input.accountId(), input.contactId(), nonNull(vars), ev, now());
  }

  private ZoneId zone(String stepZone, String contactZone) {
    String name = stepZone == null ? map.timezoneOrUtc() : stepZone;
    if ("contact".equals(name)) {
      name = contactZone != null ? contactZone : facts.waitFacts(factsRequest(), null).timezone();
      if (name == null) {
        name = "contact".equals(map.timezone()) || map.timezone() == null ? "UTC" : map.timezone();
      }
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }

  private void awaitNotPaused(Cursor cursor) {
    if (paused) {
      Workflow.await(() -> !paused || cursor.interrupted());
    }
  }

  private void enter(Step step) {
    visits.merge(step.id(), 1, Integer::sum);
  }

  /**
   * Keeps the {@code RunState}/{@code CurrentStep} search attributes true, upserting only on
   * change.
   */
  private void show(String state, String step) {
    String effective = paused ? "paused" : state;
    if (effective.equals(shownState) && Objects.equals(step, shownStep)) {
      return;
    }
    shownState = effective;
    shownStep = step;
    Workflow.upsertTypedSearchAttributes(
        RunSearchAttributes.RUN_STATE.valueSet(effective),
        RunSearchAttributes.CURRENT_STEP.valueSet(step));
  }

  private String key(Step step) {
    var info = Workflow.getInfo();
    return info.getWorkflowId()
        + "/"
        + info.getRunId()
        + "/"
        + step.id()
        + "/"
        + visits.get(step.id());
  }

  private void record(String stepId, String outcome) {
    path.addLast(new RunStatus.PathEntry(stepId, now().toString(), outcome));
    while (path.size() > PATH_KEPT) {
      path.removeFirst();
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static String describe(Match match) {
    return switch (match) {
      case Match.OnEvent e ->
          "event "
              + e.event().event()
              + (e.event().fromStep() == null ? "" : " from " + e.event().fromStep());
      case Match.OnCondition c -> "a condition";
    };
  }

  private static Map<String, Object> nonNull(Map<String, Object> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static String rootMessage(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof io.temporal.failure.ApplicationFailure app
        ? app.getOriginalMessage()
        : cause.getMessage();
  }

  private void notifyParent(String state) {
    if (input.notifyWorkflowId() == null) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("workflowId", selfId());
    data.put("automationKey", input.automationKey());
    data.put("state", state);
    Map<String, Object> ended = new LinkedHashMap<>();
    ended.put(
        "id",
        Workflow.getInfo().getWorkflowId() + "/" + Workflow.getInfo().getRunId() + "/" + state);
    ended.put("type", "automation." + state);
    ended.put("contactId", input.contactId());
    ended.put("occurredAt", now().toString());
    ended.put("data", data);
    try {
      Workflow.newUntypedExternalWorkflowStub(input.notifyWorkflowId()).signal("event", ended);
    } catch (SignalExternalWorkflowException | io.temporal.failure.ApplicationFailure e) {
      // the waiting run has ended meanwhile: nobody to tell
    }
  }

  // ---- continue-as-new -----------------------------------------------------------------------

  private RunMemory remember() {
    List<RunMemory.Position> positions = new ArrayList<>();
    for (Cursor cursor : cursors) {
      if (cursor.parked != null) {
        positions.add(cursor.parked);
      }
    }
    return new RunMemory(
        positions,
        Map.copyOf(visits),
        nonNull(vars),
        List.copyOf(goalsMet),
        event,
        List.copyOf(inbox),
        List.copyOf(path),
        paused,
        generation);
  }

  private void restore(RunMemory memory) {
    visits.putAll(memory.visits());
    vars.putAll(memory.vars());
    goalsMet.addAll(memory.goalsMet());
    event = memory.event();
    inbox.addAll(memory.inbox());
    path.addAll(memory.path());
    paused = memory.paused();
    generation = memory.generation();
    for (RunMemory.Position position : memory.positions()) {
      startCursor(position.step(), position);
    }
  }

  // ---- signals and query ---------------------------------------------------------------------

  @Override
  public void pause() {
    if (!paused && exitReason == null) {
      paused = true;
      show(shownState == null ? "running" : shownState, shownStep);
    }
  }

  @Override
  public void resume() {
    if (paused) {
      paused = false;
      boolean waiting = cursors.stream().anyMatch(c -> !c.settled() && c.waitingFor != null);
      show(waiting ? "waiting" : "running", shownStep);
    }
  }

  @Override
  public void exit(String reason) {
    if (exitReason == null) {
      exitReason = reason == null || reason.isBlank() ? "exit requested" : reason;
    }
  }

  @Override
  public void event(Map<String, Object> ev) {
    if (ev != null && ev.get("type") != null) {
      inbox.addLast(ev);
    }
  }

  @Override
  public RunStatus status() {
    List<String> steps = new ArrayList<>();
    Instant earliest = null;
    List<String> waitingFor = new ArrayList<>();
    boolean anyRunning = false;
    for (Cursor cursor : cursors) {
      if (cursor.done) {
        continue;
      }
      steps.add(cursor.step);
      if (cursor.waitingFor != null) {
        waitingFor.add(cursor.step + ": " + cursor.waitingFor);
        if (cursor.until != null && (earliest == null || cursor.until.isBefore(earliest))) {
          earliest = cursor.until;
        }
      } else {
        anyRunning = true;
      }
    }
    String state;
    if (paused) {
      state = "paused";
    } else if (steps.isEmpty()) {
      state = exitReason != null ? "exited" : "completed";
    } else {
      state = anyRunning ? "running" : "waiting";
    }
    return new RunStatus(
        state,
        steps,
        earliest == null ? null : earliest.toString(),
        waitingFor.isEmpty() ? null : String.join("; ", waitingFor),
        List.copyOf(path),
        nonNull(vars),
        List.copyOf(goalsMet));
  }
}
