package dev.automap.workers.triggers;

import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.Repeat;
import dev.automap.workers.run.WaitTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a date trigger fires for a contact. The field is read as an ISO instant, offset date-time,
 * local date-time or date (local values in {@code zone}); the {@code offset} moves it, then {@code
 * at} sets the local time of day on the day reached. Without {@code at} the value's own time of day
 * stays (midnight for a plain date). Local times resolve as {@link ZonedDateTime#of} does across
 * DST gaps and overlaps.
 */
public final class DateTriggerTimes {
  /**
   * Offsets are at most 3650 days (the validator's limit), so anniversaries further off cannot
   * matter.
   */
  private static final int YEARS_AROUND = 12;

  private DateTriggerTimes() {}

  /**
   * The instant to fire at: for {@code none}, the field's instant when it is at or after {@code
   * now}; for {@code yearly}, the first anniversary (never before the date itself) at or after
   * {@code now} and after {@code firedAt}. Null when the field is empty, unreadable or (for {@code
   * none}) past. A 29 February falls on 28 February in other years.
   */
  public static Instant next(
      String value, DateTrigger trigger, ZoneId zone, Instant now, Instant firedAt) {
    ZonedDateTime base = parse(value, zone);
    if (base == null) {
      return null;
    }
    if (trigger.repeatOrDefault() == Repeat.NONE) {
      Instant at = shift(base, trigger, zone);
      return at.isBefore(now) || (firedAt != null && !at.isAfter(firedAt)) ? null : at;
    }
    int nowYear = now.atZone(zone).getYear();
    for (int year = Math.max(base.getYear(), nowYear - YEARS_AROUND);
        year <= nowYear + YEARS_AROUND;
        year++) {
      ZonedDateTime anniversary =
          ZonedDateTime.of(base.toLocalDate().withYear(year), base.toLocalTime(), zone);
      Instant at = shift(anniversary, trigger, zone);
      if (!at.isBefore(now) && (firedAt == null || at.isAfter(firedAt))) {
        return at;
      }
    }
    return null;
  }

  private static Instant shift(ZonedDateTime date, DateTrigger trigger, ZoneId zone) {
    return WaitTimes.shift(date, trigger.offset(), trigger.at(), zone);
  }

  static ZonedDateTime parse(String value, ZoneId zone) {
    return WaitTimes.parse(value, zone);
  }
}
