package dev.automap.definitions.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class IsoTextTest {

  @Test
  void durationsReadBackEqual() {
    for (String text :
        new String[] {
          "PT0S", "PT30M", "P2D", "P1DT12H", "-P7D", "-PT1H30M", "PT0.5S", "P3DT0.001S"
        }) {
      Duration d = Duration.parse(text);
      assertThat(IsoText.format(d)).as(text).isEqualTo(text);
      assertThat(Duration.parse(IsoText.format(d))).isEqualTo(d);
    }
    assertThat(Duration.parse(IsoText.format(Duration.ofSeconds(Long.MIN_VALUE))))
        .isEqualTo(Duration.ofSeconds(Long.MIN_VALUE));
    assertThat(Duration.parse(IsoText.format(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))))
        .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
  }

  @Test
  void timesOfDayDropZeroSeconds() {
    assertThat(IsoText.format(LocalTime.of(9, 0))).isEqualTo("09:00");
    assertThat(IsoText.format(LocalTime.of(9, 0, 5))).isEqualTo("09:00:05");
  }
}
