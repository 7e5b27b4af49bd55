package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.Weekday;
import dev.automap.definitions.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitTimesTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void aLocalTimeInTheSpringGapMovesForwardByTheGap() {
    // 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT
    Instant now = Instant.parse("2026-03-08T05:00:00Z"); // 00:00 EST
    assertThat(WaitTimes.nextAt(LocalTime.of(2, 30), NEW_YORK, now))
        .isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
  }

  @Test
  void aLocalTimeInTheAutumnOverlapTakesTheEarlierOffset() {
    // 2026-11-01 01:30 happens twice in New York; the first (EDT, -04:00) is taken
    Instant now = Instant.parse("2026-11-01T04:00:00Z"); // 00:00 EDT
    assertThat(WaitTimes.nextAt(LocalTime.of(1, 30), NEW_YORK, now))
        .isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
  }

  @Test
  void atIsTodayWhenStillAheadElseTomorrow() {
    Instant morning = Instant.parse("2026-06-01T12:00:00Z"); // 08:00 EDT
    assertThat(WaitTimes.nextAt(LocalTime.of(9, 0), NEW_YORK, morning))
        .isEqualTo(Instant.parse("2026-06-01T13:00:00Z"));
    assertThat(WaitTimes.nextAt(LocalTime.of(7, 0), NEW_YORK, morning))
        .isEqualTo(Instant.parse("2026-06-02T11:00:00Z"));
    assertThat(WaitTimes.nextAt(LocalTime.of(8, 0), NEW_YORK, morning))
        .as("now itself counts")
        .isEqualTo(morning);
  }

  @Test
  void weekdaysFindTheNextListedDay() {
    Instant fridayEvening = Instant.parse("2026-06-05T22:00:00Z"); // Friday 18:00 EDT
    assertThat(
            WaitTimes.nextWeekdayAt(
                List.of(Weekday.MON, Weekday.FRI), LocalTime.of(9, 0), NEW_YORK, fridayEvening))
        .isEqualTo(Instant.parse("2026-06-08T13:00:00Z"));
  }

  @Test
  void aWindowLetsThroughInsideAndHoldsToTheNextStartOutside() {
    Window weekdays =
        new Window(
            List.of(Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0));
    Instant inside = Instant.parse("2026-06-03T15:00:00Z"); // Wednesday 11:00 EDT
    assertThat(WaitTimes.windowStart(weekdays, NEW_YORK, inside)).isEqualTo(inside);
    Instant saturday = Instant.parse("2026-06-06T15:00:00Z");
    assertThat(WaitTimes.windowStart(weekdays, NEW_YORK, saturday))
        .isEqualTo(Instant.parse("2026-06-08T13:00:00Z"));
    Window overnight = new Window(null, LocalTime.of(22, 0), LocalTime.of(6, 0));
    Instant twoAm = Instant.parse("2026-06-03T06:00:00Z"); // 02:00 EDT, inside last night's window
    assertThat(WaitTimes.windowStart(overnight, NEW_YORK, twoAm)).isEqualTo(twoAm);
  }

  @Test
  void aDateFieldReadsAsInstantDateTimeOrDate() {
    assertThat(
            WaitTimes.fromField(
                "2026-03-10T15:00:00Z", Duration.ofDays(-1), LocalTime.of(9, 0), NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    assertThat(WaitTimes.fromField("2026-03-10", null, null, NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-10T04:00:00Z"));
    assertThat(WaitTimes.fromField("2026-03-10T08:00", Duration.ofHours(2), null, NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-10T14:00:00Z"));
    assertThat(WaitTimes.fromField("", null, null, NEW_YORK)).isNull();
    assertThat(WaitTimes.fromField("next tuesday", null, null, NEW_YORK)).isNull();
  }

  @Test
  void quietHoursEndAtTheirCloseAndAreNothingOutside() {
    LocalTime nine = LocalTime.of(21, 0);
    LocalTime eight = LocalTime.of(8, 0);
    Instant lateEvening = Instant.parse("2026-06-03T03:00:00Z"); // 23:00 EDT on the 2nd
    assertThat(WaitTimes.quietUntil(nine, eight, NEW_YORK, lateEvening))
        .isEqualTo(Instant.parse("2026-06-03T12:00:00Z"));
    Instant earlyMorning = Instant.parse("2026-06-03T10:00:00Z"); // 06:00 EDT
    assertThat(WaitTimes.quietUntil(nine, eight, NEW_YORK, earlyMorning))
        .isEqualTo(Instant.parse("2026-06-03T12:00:00Z"));
    Instant noon = Instant.parse("2026-06-03T16:00:00Z");
    assertThat(WaitTimes.quietUntil(nine, eight, NEW_YORK, noon)).isNull();
    assertThat(WaitTimes.quietUntil(LocalTime.of(12, 0), LocalTime.of(13, 0), NEW_YORK, noon))
        .isEqualTo(Instant.parse("2026-06-03T17:00:00Z"));
  }
}
