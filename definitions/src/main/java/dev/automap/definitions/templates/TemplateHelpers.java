package dev.automap.definitions.templates;

import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The helpers a marketer's template may call besides the Handlebars built-ins. */
final class TemplateHelpers {
  private TemplateHelpers() {}

  static Map<String, Helper<?>> all() {
    Map<String, Helper<?>> helpers = new LinkedHashMap<>();
    helpers.put(
        "default", (Object value, Options options) -> blank(value) ? options.param(0, "") : value);
    helpers.put(
        "upper",
        (Object value, Options options) ->
            value == null ? "" : str(value).toUpperCase(Locale.ROOT));
    helpers.put(
        "lower",
        (Object value, Options options) ->
            value == null ? "" : str(value).toLowerCase(Locale.ROOT));
    helpers.put("trim", (Object value, Options options) -> value == null ? "" : str(value).strip());
    helpers.put(
        "capitalize",
        (Object value, Options options) -> value == null ? "" : capitalize(str(value)));
    helpers.put("date", TemplateHelpers::date);
    helpers.put("number", TemplateHelpers::number);
    helpers.put("eq", (Object a, Options options) -> same(a, options.param(0, null)));
    helpers.put("ne", (Object a, Options options) -> !same(a, options.param(0, null)));
    helpers.put(
        "and",
        (Object a, Options options) -> {
          if (options.isFalsy(a)) {
            return false;
          }
          for (Object p : options.params) {
            if (options.isFalsy(p)) {
              return false;
            }
          }
          return true;
        });
    helpers.put(
        "or",
        (Object a, Options options) -> {
          if (!options.isFalsy(a)) {
            return true;
          }
          for (Object p : options.params) {
            if (!options.isFalsy(p)) {
              return true;
            }
          }
          return false;
        });
    helpers.put("not", (Object a, Options options) -> options.isFalsy(a));
    return helpers;
  }

  private static boolean blank(Object value) {
    return switch (value) {
      case null -> true;
      case CharSequence s -> s.toString().isBlank();
      case Collection<?> c -> c.isEmpty();
      default -> false;
    };
  }

  private static String str(Object value) {
    return value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
        ? Long.toString(d.longValue())
        : String.valueOf(value);
  }

  /** Numbers equal as numbers ({@code 42} and {@code 42.0}), everything else by its text. */
  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(str(a), str(b));
  }

  private static String capitalize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      out.appendCodePoint(start ? Character.toTitleCase(cp) : Character.toLowerCase(cp));
      start = Character.isWhitespace(cp) || cp == '-';
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /**
   * {@code {{date value "MMM d" tz="Europe/Paris"}}}; an unreadable date, or a date alone asked for
   * its time, renders as it is.
   */
  private static Object date(Object value, Options options) {
    if (blank(value)) {
      return "";
    }
    String pattern = options.param(0, "yyyy-MM-dd");
    DateTimeFormatter format;
    try {
      format = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("date: bad pattern \"" + pattern + "\"", e);
    }
    TemporalAccessor at = temporal(value, zone(options));
    if (at == null) {
      return str(value);
    }
    try {
      return format.format(at);
    } catch (DateTimeException timeOfADate) {
      return str(value);
    }
  }

  private static ZoneId zone(Options options) {
    Object tz = options.hash("tz");
    if (tz == null) {
      tz = options.params.length > 1 ? options.params[1] : options.context.get("contact.timezone");
    }
    if (tz != null) {
      try {
        return ZoneId.of(str(tz));
      } catch (DateTimeException unknownZone) {
        // an unknown contact timezone falls back to UTC rather than failing the message
      }
    }
    return ZoneOffset.UTC;
  }

  private static TemporalAccessor temporal(Object value, ZoneId zone) {
    if (value instanceof Instant i) {
      return i.atZone(zone);
    }
    String s = str(value);
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s);
      }
      char last = s.charAt(s.length() - 1);
      boolean zoned = last == 'Z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
      return zoned
          ? OffsetDateTime.parse(s).atZoneSameInstant(zone)
          : LocalDateTime.parse(s.replace(' ', 'T'));
    } catch (DateTimeParseException | StringIndexOutOfBoundsException notADate) {
      return null;
    }
  }

  /**
   * {@code {{number value "#,##0.00"}}} in English notation; text that is no number renders as it
   * is.
   */
  private static Object number(Object value, Options options) {
    if (blank(value)) {
      return "";
    }
    Number n = value instanceof Number v ? v : parse(str(value));
    if (n == null) {
      return str(value);
    }
    String pattern = options.param(0, "#,##0.##");
    try {
      return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ENGLISH)).format(n);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("number: bad pattern \"" + pattern + "\"", e);
    }
  }

  private static Number parse(String s) {
    try {
      return new java.math.BigDecimal(s.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
