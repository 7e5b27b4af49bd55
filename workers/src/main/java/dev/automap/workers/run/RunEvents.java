package dev.automap.workers.run;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.flow.Listens;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.paths.ContactPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events a run is signalled: exits first, then goals, then waiting paths, all heard through
 * {@link Listens} (as the router decides whom to signal). Every condition involved is judged in one
 * local activity.
 */
final class RunEvents {
  private final RunScope run;

  RunEvents(RunScope run) {
    this.run = run;
  }

  /** What an event sets off, gathered before anything is judged. */
  private static final class Heard {
    final List<Condition> toJudge = new ArrayList<>();
    final List<Runnable> onHold = new ArrayList<>();
  }

  void handle(Map<String, Object> ev) {
    String type = String.valueOf(ev.get("type"));
    Heard heard = new Heard();
    for (Match exit : Listens.exits(run.map)) {
      listen(exit, ev, type, heard, () -> exit("exit condition met: " + Listens.describe(exit)));
    }
    Condition leftAudience = Listens.leftAudience(run.map);
    if (leftAudience != null) {
      heard.toJudge.add(leftAudience);
      heard.onHold.add(() -> exit("no longer in the audience"));
    }
    for (Step step : run.map.steps()) {
      if (step instanceof GoalStep goal && !run.goalsMet.contains(goal.id())) {
        for (Match when : Listens.ofStep(goal)) {
          listen(when, ev, type, heard, () -> meetGoal(goal, ev));
        }
      }
    }
    for (Cursor cursor : List.copyOf(run.cursors)) {
      hearWaiting(cursor, ev, type, heard);
    }
    judge(ev, heard);
  }

  private void hearWaiting(Cursor cursor, Map<String, Object> ev, String type, Heard heard) {
    if (cursor.listening() != null && !cursor.settled()) {
      for (Match match : cursor.listening()) {
        listen(
            match,
            ev,
            type,
            heard,
            () -> {
              cursor.hearMatch();
              run.event = ev;
            });
      }
    }
    if (cursor.watchedField() != null
        && Listens.FIELD_CHANGES.equals(type)
        && changed(ev, cursor.watchedField())) {
      cursor.hearFieldChanged();
    }
  }

  /** Judges what needs judging in one local activity, then sets off what holds, in order. */
  private void judge(Map<String, Object> ev, Heard heard) {
    List<Condition> toJudge = heard.toJudge;
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
      String asks = "facts.holding " + conditions.size() + " condition(s) on " + ev.get("type");
      for (int index : RunStubs.facts("event", asks).holding(run.factsRequest(ev), conditions)) {
        holding.add(judged.get(index));
      }
    }
    for (int i : holding) {
      heard.onHold.get(i).run();
    }
  }

  /**
   * Adds what a match needs judged for this event: nothing when the event does not fit, null (met)
   * for a fitting event without {@code where}, else the condition to judge.
   */
  private void listen(
      Match match, Map<String, Object> ev, String type, Heard heard, Runnable then) {
    switch (match) {
      case Match.OnEvent e -> {
        EventMatch m = e.event();
        if (!type.equals(m.event()) || !fromStepFits(m.fromStep(), ev)) {
          return;
        }
        heard.toJudge.add(m.where());
        heard.onHold.add(then);
      }
      case Match.OnCondition c -> {
        heard.toJudge.add(c.condition());
        heard.onHold.add(then);
      }
    }
  }

  private void exit(String reason) {
    if (run.exitReason == null) {
      run.exitReason = reason;
    }
  }

  private void meetGoal(GoalStep goal, Map<String, Object> ev) {
    if (run.goalsMet.contains(goal.id()) || run.goalJump != null) {
      return;
    }
    run.event = ev;
    Cursor waitingHere = null;
    for (Cursor cursor : run.cursors) {
      if (!cursor.settled() && goal.id().equals(cursor.step()) && cursor.listening() != null) {
        waitingHere = cursor;
      }
    }
    if (waitingHere != null) {
      waitingHere.hearMatch();
    } else {
      run.goalJump = goal;
      run.generation++; // every path stops where it is, before anything else is done
    }
    run.markGoal(goal.id());
  }

  private boolean fromStepFits(String fromStep, Map<String, Object> ev) {
    if (fromStep == null) {
      return true;
    }
    if (!(ev.get("source") instanceof Map<?, ?> source)) {
      return false;
    }
    return run.selfId().equals(source.get("workflowId")) && fromStep.equals(source.get("stepId"));
  }

  private static boolean changed(Map<String, Object> ev, String field) {
    if (!(ev.get("data") instanceof Map<?, ?> data)
        || !(data.get("changed") instanceof List<?> names)) {
      return false;
    }
    String bare = ContactPath.strip(field);
    for (Object name : names) {
      String n = String.valueOf(name);
      if (n.equals(field) || n.equals(bare) || ("fields." + n).equals(bare)) {
        return true;
      }
    }
    return false;
  }
}
