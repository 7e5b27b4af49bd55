package dev.automap.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ContactZoneTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void theStepsZoneComesFirstThenTheMapsThenUtc() {
    assertThat(ContactZone.resolve("Asia/Tokyo", "Europe/Paris", () -> "America/Chicago"))
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(ContactZone.resolve(null, "Europe/Paris", () -> "America/Chicago"))
        .isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(ContactZone.resolve(null, null, () -> "America/Chicago")).isEqualTo(UTC);
  }

  @Test
  void contactMeansTheContactsZoneReadOnlyWhenNeeded() {
    AtomicInteger reads = new AtomicInteger();
    assertThat(
            ContactZone.resolve(
                "contact",
                "Europe/Paris",
                () -> {
                  reads.incrementAndGet();
                  return "America/Chicago";
                }))
        .isEqualTo(ZoneId.of("America/Chicago"));
    ContactZone.resolve("Europe/Paris", null, () -> "x" + reads.incrementAndGet());
    assertThat(reads).hasValue(1);
    assertThat(ContactZone.resolve(null, "contact", () -> "Asia/Tokyo"))
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
  }

  @Test
  void aContactWithoutAZoneFallsBackToTheMapsOwnZoneElseUtc() {
    assertThat(ContactZone.resolve("contact", "Europe/Paris", () -> null))
        .isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(ContactZone.resolve(null, "contact", () -> null)).isEqualTo(UTC);
    assertThat(ContactZone.resolve("contact", null, () -> null)).isEqualTo(UTC);
  }

  @Test
  void aNameThatIsNoZoneFallsBackToUtc() {
    assertThat(ContactZone.resolve("Mars/Olympus", "Europe/Paris", () -> null)).isEqualTo(UTC);
    assertThat(ContactZone.resolve("contact", "Europe/Paris", () -> "Mars/Olympus")).isEqualTo(UTC);
  }
}
