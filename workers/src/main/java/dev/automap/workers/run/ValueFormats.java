package dev.automap.workers.run;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code as} of a {@code format} step: {@code upper}, {@code lower}, {@code title}, {@code
 * trim}, {@code number:<DecimalFormat pattern>}, {@code date:<DateTimeFormatter pattern>} (the
 * input read as an ISO date or instant, shown in {@code zone}). Text that does not read as a number
 * or date is left as it is.
 */
public final class ValueFormats {
  private ValueFormats() {}

  public static String apply(String input, String as, ZoneId zone) {
    String text = input == null ? "" : input;
    if (as == null || as.isBlank()) {
      return text;
    }
    int colon = as.indexOf(':');
    String kind = colon < 0 ? as : as.substring(0, colon);
    String pattern = colon < 0 ? null : as.substring(colon + 1);
    return switch (kind) {
      case "upper" -> text.toUpperCase(Locale.ROOT);
      case "lower" -> text.toLowerCase(Locale.ROOT);
      case "trim" -> text.strip();
      case "title" -> title(text);
      case "number" -> number(text, pattern);
      case "date" -> date(text, pattern, zone);
      default -> throw new IllegalArgumentException("unknown format \"" + as + "\"");
    };
  }

  private static String title(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean start = true;
    for (char c : text.toCharArray()) {
      sb.append(start ? Character.toTitleCase(c) : Character.toLowerCase(c));
      start = Character.isWhitespace(c) || c == '-';
    }
    return sb.toString();
  }

  private static String number(String text, String pattern) {
    try {
      BigDecimal value = new BigDecimal(text.strip());
      return new DecimalFormat(
              pattern == null ? "#,##0.##" : pattern, DecimalFormatSymbols.getInstance(Locale.ROOT))
          .format(value);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static String date(String text, String pattern, ZoneId zone) {
    ZonedDateTime value = WaitTimes.parse(text, zone);
    if (value == null) {
      return text;
    }
    return DateTimeFormatter.ofPattern(pattern == null ? "yyyy-MM-dd" : pattern, Locale.ROOT)
        .format(value);
  }
}
