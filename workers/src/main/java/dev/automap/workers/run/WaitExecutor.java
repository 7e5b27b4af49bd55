package dev.automap.workers.run;

import dev.automap.definitions.model.IfPast;
import dev.automap.definitions.model.WaitStep;
import java.time.Instant;

/**
 * {@code wait}: holds the path until a time worked out from its one form (a duration, an instant, a
 * time of day, weekdays, a window, a date field). A wait on a date field follows the field when it
 * changes; a date that is empty or past goes on or ends as {@code ifPast} says.
 */
final class WaitExecutor implements StepExecutor<WaitStep> {
  private final RunScope run;

  WaitExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, WaitStep step) {
    String field = step.form() == WaitStep.Form.UNTIL_FIELD ? step.untilField() : null;
    Instant until = until(step);
    while (true) {
      if (until == null || !until.isAfter(RunScope.now())) {
        return noWait(step, until, field != null);
      }
      cursor.watch(field);
      Cursor.Woke woke =
          cursor.hold(
              step.id(),
              until,
              "until " + until + (field == null ? "" : " (" + field + ")"),
              field == null ? "wait" : "wait for " + field,
              run.summaryZone(step.timezone()));
      cursor.unwatch();
      switch (woke) {
        case REACHED -> {
          return step.next();
        }
        case FIELD_CHANGED -> until = fieldInstant(step);
        default -> {
          return null;
        }
      }
    }
  }

  @Override
  public String resume(Cursor cursor, WaitStep step, Instant until) {
    String field = step.form() == WaitStep.Form.UNTIL_FIELD ? step.untilField() : null;
    return cursor.hold(
                step.id(),
                until,
                "until " + until,
                field == null ? "wait" : "wait for " + field,
                run.summaryZone(step.timezone()))
            == Cursor.Woke.REACHED
        ? step.next()
        : null;
  }

  private Instant until(WaitStep step) {
    WaitStep.Form form = step.form();
    if (form == null) {
      throw BadMap.at(step.id(), "a wait needs exactly one form (duration, until, at, ...)");
    }
    Instant now = RunScope.now();
    return switch (form) {
      case DURATION -> now.plus(step.duration());
      case UNTIL -> step.until();
      case AT -> WaitTimes.nextAt(step.at(), run.zone(step.id(), step.timezone(), null), now);
      case WEEKDAYS ->
          WaitTimes.nextWeekdayAt(
              step.weekdays(), step.at(), run.zone(step.id(), step.timezone(), null), now);
      case WINDOW ->
          WaitTimes.windowStart(step.window(), run.zone(step.id(), step.timezone(), null), now);
      case UNTIL_FIELD -> fieldInstant(step);
    };
  }

  /** The time is empty or past: a date (from a field) goes on or ends, a fixed time goes on. */
  private String noWait(WaitStep step, Instant until, boolean fromField) {
    if (until != null && !fromField) {
      run.record(step.id(), "no wait needed");
      return step.next();
    }
    boolean end = step.ifPastOrDefault() == IfPast.END;
    run.record(
        step.id(), (until == null ? "no date" : "date passed") + (end ? ", ended" : ", continued"));
    if (end) {
      run.end("wait " + step.id() + ": the date was " + (until == null ? "empty" : "past"));
      return null;
    }
    return step.next();
  }

  private Instant fieldInstant(WaitStep step) {
    WaitFacts found =
        RunStubs.facts(step.id(), "facts.waitFacts " + step.untilField())
            .waitFacts(run.factsRequest(), step.untilField());
    return WaitTimes.fromField(
        found.value(),
        step.offset(),
        step.at(),
        run.zone(step.id(), step.timezone(), found.timezone()));
  }
}
