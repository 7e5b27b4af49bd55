package dev.automap.workers.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.Repeat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateTriggerTimesTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  static final DateTrigger BIRTHDAY =
      new DateTrigger("contact.fields.birthday", null, LocalTime.of(9, 0), Repeat.YEARLY);

  @Test
  void aBirthdayFiresOnItsNextAnniversaryAtNineLocal() {
    assertThat(DateTriggerTimes.next("1990-06-15", BIRTHDAY, BERLIN, NOW, null))
        .isEqualTo(Instant.parse("2026-06-15T07:00:00Z"));
    assertThat(DateTriggerTimes.next("1990-01-15", BIRTHDAY, BERLIN, NOW, null))
        .isEqualTo(Instant.parse("2027-01-15T08:00:00Z"));
  }

  @Test
  void afterFiringTheNextAnniversaryComes() {
    Instant fired = Instant.parse("2026-06-15T07:00:00Z");
    assertThat(DateTriggerTimes.next("1990-06-15", BIRTHDAY, BERLIN, fired, fired))
        .isEqualTo(Instant.parse("2027-06-15T07:00:00Z"));
  }

  @Test
  void theTwentyNinthOfFebruaryFallsOnTheTwentyEighthInOtherYears() {
    assertThat(DateTriggerTimes.next("1992-02-29", BIRTHDAY, BERLIN, NOW, null))
        .isEqualTo(Instant.parse("2027-02-28T08:00:00Z"));
    assertThat(
            DateTriggerTimes.next(
                "1992-02-29", BIRTHDAY, BERLIN, Instant.parse("2027-03-01T00:00:00Z"), null))
        .isEqualTo(Instant.parse("2028-02-29T08:00:00Z"));
  }

  @Test
  void aYearlyDateInTheFutureFirstFiresOnTheDateItself() {
    assertThat(DateTriggerTimes.next("2028-05-01", BIRTHDAY, BERLIN, NOW, null))
        .isEqualTo(Instant.parse("2028-05-01T07:00:00Z"));
  }

  @Test
  void anOffsetMovesTheDayThenAtSetsTheTime() {
    var reminder =
        new DateTrigger(
            "contact.fields.appointment", Duration.ofDays(-1), LocalTime.of(9, 0), Repeat.NONE);
    assertThat(DateTriggerTimes.next("2026-03-05T15:00:00Z", reminder, BERLIN, NOW, null))
        .isEqualTo(Instant.parse("2026-03-04T08:00:00Z"));
    var dayBefore = new DateTrigger("contact.fields.appointment", Duration.ofDays(-1), null, null);
    assertThat(DateTriggerTimes.next("2026-03-05T15:00:00Z", dayBefore, BERLIN, NOW, null))
        .isEqualTo(Instant.parse("2026-03-04T15:00:00Z"));
  }

  @Test
  void aOneOffInThePastEmptyOrUnreadableGivesNothing() {
    var once = new DateTrigger("contact.fields.appointment", null, null, Repeat.NONE);
    assertThat(DateTriggerTimes.next("2026-02-01", once, BERLIN, NOW, null)).isNull();
    assertThat(DateTriggerTimes.next("", once, BERLIN, NOW, null)).isNull();
    assertThat(DateTriggerTimes.next("next tuesday", once, BERLIN, NOW, null)).isNull();
    Instant at = Instant.parse("2026-04-01T10:00:00Z");
    assertThat(DateTriggerTimes.next(at.toString(), once, BERLIN, NOW, at))
        .as("already fired")
        .isNull();
  }

  @Test
  void aLocalTimeInTheSpringGapMovesForward() {
    var early = new DateTrigger("contact.fields.d", null, LocalTime.of(2, 30), Repeat.NONE);
    // Berlin skips 02:00-03:00 on 29 March 2026
    assertThat(DateTriggerTimes.next("2026-03-29", early, BERLIN, NOW, null))
        .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }
}
