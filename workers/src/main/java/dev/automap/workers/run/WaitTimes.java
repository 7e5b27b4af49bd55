package dev.automap.workers.run;

import dev.automap.definitions.model.Weekday;
import dev.automap.definitions.model.Window;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * The instants waits resolve to. Pure java.time, so local times across DST gaps and overlaps
 * resolve as {@link ZonedDateTime#of} does: a time in a gap moves forward by the gap's length, a
 * time in an overlap takes the earlier offset.
 */
public final class WaitTimes {
  private WaitTimes() {}

  /** The first instant at or after {@code now} with local time {@code at} in {@code zone}. */
  public static Instant nextAt(LocalTime at, ZoneId zone, Instant now) {
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i < 3; i++) {
      Instant candidate = ZonedDateTime.of(day.plusDays(i), at, zone).toInstant();
      if (!candidate.isBefore(now)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no next " + at + " in " + zone);
  }

  /** The first instant at or after {@code now} on one of {@code days} at local time {@code at}. */
  public static Instant nextWeekdayAt(List<Weekday> days, LocalTime at, ZoneId zone, Instant now) {
    LocalDate day = now.atZone(zone).toLocalDate();
    for (int i = 0; i <= 8; i++) {
      LocalDate d = day.plusDays(i);
      if (days.contains(Weekday.of(d.getDayOfWeek()))) {
        Instant candidate = ZonedDateTime.of(d, at, zone).toInstant();
        if (!candidate.isBefore(now)) {
          return candidate;
        }
      }
    }
    throw new IllegalArgumentException("no weekday given");
  }

  /**
   * {@code now} when it lies inside the window, else the window's next start. A window whose {@code
   * to} is before its {@code from} runs past midnight into the next day; absent {@code days} means
   * every day.
   */
  public static Instant windowStart(Window window, ZoneId zone, Instant now) {
    List<Weekday> days =
        window.days() == null || window.days().isEmpty()
            ? List.of(Weekday.values())
            : window.days();
    LocalTime from = window.from() == null ? LocalTime.MIDNIGHT : window.from();
    LocalTime to = window.to();
    LocalDate today = now.atZone(zone).toLocalDate();
    for (int i = -1; i <= 8; i++) {
      LocalDate d = today.plusDays(i);
      if (!days.contains(Weekday.of(d.getDayOfWeek()))) {
        continue;
      }
      Instant start = ZonedDateTime.of(d, from, zone).toInstant();
      Instant end =
          to == null
              ? ZonedDateTime.of(d.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant()
              : ZonedDateTime.of(to.isAfter(from) ? d : d.plusDays(1), to, zone).toInstant();
      if (!now.isBefore(start) && now.isBefore(end)) {
        return now;
      }
      if (!start.isBefore(now)) {
        return start;
      }
    }
    throw new IllegalArgumentException("the window has no day");
  }

  /**
   * The instant of a date field plus {@code offset}; with {@code at}, that local time on the
   * resulting day. Accepts an ISO instant or offset date-time, a local date-time or a date (read in
   * {@code zone}). Null for an empty or unreadable value.
   */
  public static Instant fromField(String value, Duration offset, LocalTime at, ZoneId zone) {
    ZonedDateTime base = parse(value, zone);
    return base == null ? null : shift(base, offset, at, zone);
  }

  /** A date plus {@code offset}; with {@code at}, that local time on the resulting day. */
  public static Instant shift(ZonedDateTime date, Duration offset, LocalTime at, ZoneId zone) {
    ZonedDateTime shifted = offset == null ? date : date.plus(offset);
    if (at != null) {
      shifted = ZonedDateTime.of(shifted.toLocalDate(), at, zone);
    }
    return shifted.toInstant();
  }

  /**
   * A date field's text as a date-time in {@code zone}: an ISO instant or offset date-time, a local
   * date-time, or a date (its start); null when empty or unreadable.
   */
  public static ZonedDateTime parse(String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).atZoneSameInstant(zone);
    } catch (DateTimeException ignored) {
      // not an instant with an offset
    }
    try {
      return LocalDateTime.parse(v).atZone(zone);
    } catch (DateTimeException ignored) {
      // not a local date-time
    }
    try {
      return LocalDate.parse(v).atStartOfDay(zone);
    } catch (DateTimeException ignored) {
      return null;
    }
  }

  /**
   * When quiet hours that hold {@code now} end, or null when {@code now} is outside them. A window
   * whose {@code to} is before its {@code from} runs past midnight (21:00 to 08:00).
   */
  public static Instant quietUntil(LocalTime from, LocalTime to, ZoneId zone, Instant now) {
    if (from == null || to == null || from.equals(to)) {
      return null;
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    for (int i = -1; i <= 0; i++) {
      LocalDate d = today.plusDays(i);
      Instant start = ZonedDateTime.of(d, from, zone).toInstant();
      Instant end = ZonedDateTime.of(to.isAfter(from) ? d : d.plusDays(1), to, zone).toInstant();
      if (!now.isBefore(start) && now.isBefore(end)) {
        return end;
      }
    }
    return null;
  }
}
