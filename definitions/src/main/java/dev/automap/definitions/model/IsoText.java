package dev.automap.definitions.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;

/**
 * Writes durations and times of day the way people write them in maps ({@code P2D}, {@code -P7D},
 * {@code 09:00}) rather than as java.time prints them ({@code PT48H}, {@code PT-168H}, {@code
 * 09:00:00}). Both forms read back to equal values.
 */
final class IsoText {
  private IsoText() {}

  static SimpleModule module() {
    return new SimpleModule("automap-iso-text")
        .addSerializer(
            Duration.class,
            new StdSerializer<>(Duration.class) {
              @Override
              public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
                  throws IOException {
                gen.writeString(format(value));
              }
            })
        .addSerializer(
            LocalTime.class,
            new StdSerializer<>(LocalTime.class) {
              @Override
              public void serialize(LocalTime value, JsonGenerator gen, SerializerProvider provider)
                  throws IOException {
                gen.writeString(format(value));
              }
            });
  }

  /** ISO-8601 with whole days as {@code D} (a day is 24 hours) and a leading sign when negative. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "PT0S";
    }
    if (d.isNegative()) {
      // Duration.MIN_VALUE has no positive counterpart; java.time's own text is fine for it
      return d.getSeconds() == Long.MIN_VALUE ? d.toString() : "-" + format(d.negated());
    }
    StringBuilder sb = new StringBuilder("P");
    long days = d.toDays();
    if (days > 0) {
      sb.append(days).append('D');
    }
    Duration rest = d.minusDays(days);
    if (!rest.isZero()) {
      // java.time writes the time part as PT…; keep its handling of hours, minutes and fractions
      sb.append(rest.toString().substring(1));
    }
    return sb.toString();
  }

  static String format(LocalTime t) {
    return t.getSecond() == 0 && t.getNano() == 0
        ? String.format("%02d:%02d", t.getHour(), t.getMinute())
        : t.toString();
  }
}
