package dev.automap.workers.run;

import dev.automap.definitions.model.Match;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One wait of a {@link Cursor}: at {@code step}, until {@code until} (null: no deadline), for
 * {@code listening} (null: for the time only), described as {@code waitingFor} in the status and
 * {@code details} in the workflow's current details; {@code met} is whatever else ends it as met.
 * Its timer (when it has a deadline) is summarised as {@code "<step>: <kind> until <time in
 * zone>"}.
 */
record Wait(
    String step,
    Instant until,
    String waitingFor,
    String details,
    List<Match> listening,
    BooleanSupplier met,
    String kind,
    ZoneId zone) {

  private static final DateTimeFormatter SUMMARY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV");

  /** Holds until a time; {@code kind} names the hold in its timer's summary ("wait"). */
  static Wait until(String step, Instant until, String what, String kind, ZoneId zone) {
    return new Wait(
        step, until, what, "Waiting on **" + step + "** " + what, null, () -> false, kind, zone);
  }

  /** Listens for matches, at most until {@code deadline} when there is one. */
  static Wait listening(
      String step,
      List<Match> matches,
      Instant deadline,
      String what,
      BooleanSupplier met,
      String kind,
      ZoneId zone) {
    String details =
        "Waiting on **"
            + step
            + "** for "
            + what
            + (deadline == null ? "" : ", at most until " + deadline);
    return new Wait(step, deadline, what, details, matches, met, kind, zone);
  }

  /** The timer's summary: {@code "w: wait until 2026-12-01 09:00 Europe/Berlin"}. */
  String timerSummary() {
    ZoneId in = zone == null ? ZoneId.of("UTC") : zone;
    return step + ": " + kind + " until " + SUMMARY_TIME.format(until.atZone(in));
  }

  boolean holding() {
    return listening == null;
  }
}
