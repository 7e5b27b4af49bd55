package dev.automap.workers.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronTimesTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void aWeeklyTimeStaysAtNineLocalAcrossBothDstChanges() {
    // spring forward on Sunday 8 March 2026, fall back on Sunday 1 November 2026
    assertThat(CronTimes.next("0 9 * * MON", NEW_YORK, Instant.parse("2026-03-02T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
    assertThat(CronTimes.next("0 9 * * MON", NEW_YORK, Instant.parse("2026-03-02T14:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    assertThat(CronTimes.next("0 9 * * MON", NEW_YORK, Instant.parse("2026-10-26T13:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-02T14:00:00Z"));
  }

  @Test
  void theNextTimeIsStrictlyAfter() {
    Instant nine = Instant.parse("2026-03-02T09:00:00Z");
    assertThat(CronTimes.next("0 9 * * *", ZoneId.of("UTC"), nine))
        .isEqualTo(nine.plusSeconds(86_400));
  }

  @Test
  void namesRangesAndSundayAsSevenRead() {
    ZoneId utc = ZoneId.of("UTC");
    // Saturday 7 March 2026
    assertThat(CronTimes.next("30 8 * * MON-FRI", utc, Instant.parse("2026-03-07T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-09T08:30:00Z"));
    assertThat(CronTimes.next("0 10 * * 7", utc, Instant.parse("2026-03-07T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-08T10:00:00Z"));
    assertThat(CronTimes.next("0 9 1 JAN *", utc, Instant.parse("2026-03-07T00:00:00Z")))
        .isEqualTo(Instant.parse("2027-01-01T09:00:00Z"));
  }
}
