package dev.automap.definitions.model;

import java.time.DayOfWeek;

/** A day of the week as maps spell it: {@code MON} … {@code SUN}. */
public enum Weekday {
  MON,
  TUE,
  WED,
  THU,
  FRI,
  SAT,
  SUN;

  public DayOfWeek dayOfWeek() {
    return DayOfWeek.of(ordinal() + 1);
  }

  public static Weekday of(DayOfWeek day) {
    return values()[day.getValue() - 1];
  }
}
