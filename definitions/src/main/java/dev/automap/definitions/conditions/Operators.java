package dev.automap.definitions.conditions;

import com.google.common.primitives.UnsignedLong;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The meaning of each field-condition operator over plain values. These functions back the {@code
 * op_*} CEL functions, so a structured condition and the CEL written with them agree by
 * construction. None of them throws: a value they cannot compare makes them false.
 */
final class Operators {
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private Operators() {}

  /** Absent: missing, null, a blank string, an empty list or map. */
  static boolean exists(Object v) {
    return switch (v) {
      case null -> false;
      case String s -> !s.isBlank();
      case List<?> l -> !l.isEmpty();
      case Map<?, ?> m -> !m.isEmpty();
      default -> !isNull(v);
    };
  }

  static boolean eq(Object a, Object b) {
    if (isNull(a) || isNull(b)) {
      return false;
    }
    Number na = number(a);
    Number nb = number(b);
    if (na != null && nb != null && (a instanceof Number || b instanceof Number)) {
      return compareNumbers(na, nb) == 0;
    }
    if (a instanceof String sa && b instanceof String sb) {
      return sa.equals(sb);
    }
    if (a instanceof Boolean || b instanceof Boolean) {
      return a instanceof Boolean ba && b instanceof Boolean bb
          ? ba.equals(bb)
          : String.valueOf(a).equalsIgnoreCase(String.valueOf(b));
    }
    if (a instanceof Instant || b instanceof Instant) {
      Instant ia = instant(a);
      Instant ib = instant(b);
      return ia != null && ia.equals(ib);
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!eq(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** A scalar in the list; a list value: any of its elements in the list. */
  static boolean in(Object v, Object list) {
    if (!(list instanceof List<?> options) || isNull(v)) {
      return false;
    }
    if (v instanceof List<?> values) {
      for (Object value : values) {
        if (member(value, options)) {
          return true;
        }
      }
      return false;
    }
    return member(v, options);
  }

  /**
   * A list: membership (exact, as {@code eq}); text: a substring, ignoring case. A list operand:
   * every one of its elements is contained.
   */
  static boolean contains(Object v, Object x) {
    if (isNull(v) || isNull(x)) {
      return false;
    }
    if (x instanceof List<?> all) {
      for (Object one : all) {
        if (!contains(v, one)) {
          return false;
        }
      }
      return !all.isEmpty();
    }
    if (v instanceof List<?> values) {
      return member(x, values);
    }
    String text = text(v);
    String part = text(x);
    return text != null && part != null && fold(text).contains(fold(part));
  }

  static boolean startsWith(Object v, Object prefix) {
    String text = text(v);
    String part = text(prefix);
    return text != null && part != null && text.regionMatches(true, 0, part, 0, part.length());
  }

  static boolean endsWith(Object v, Object suffix) {
    String text = text(v);
    String part = text(suffix);
    return text != null
        && part != null
        && text.regionMatches(true, text.length() - part.length(), part, 0, part.length());
  }

  /**
   * Numbers (or numeric text) as numbers, else dates as instants, else text in code point order;
   * null when the two cannot be ordered.
   */
  static Integer compare(Object a, Object b) {
    if (isNull(a) || isNull(b)) {
      return null;
    }
    Number na = number(a);
    Number nb = number(b);
    if (na != null && nb != null) {
      return compareNumbers(na, nb);
    }
    Instant ia = instant(a);
    Instant ib = instant(b);
    if (ia != null && ib != null) {
      return ia.compareTo(ib);
    }
    if (a instanceof String sa && b instanceof String sb) {
      return sa.compareTo(sb);
    }
    return null;
  }

  static boolean gt(Object a, Object b) {
    Integer c = compare(a, b);
    return c != null && c > 0;
  }

  static boolean gte(Object a, Object b) {
    Integer c = compare(a, b);
    return c != null && c >= 0;
  }

  static boolean lt(Object a, Object b) {
    Integer c = compare(a, b);
    return c != null && c < 0;
  }

  static boolean lte(Object a, Object b) {
    Integer c = compare(a, b);
    return c != null && c <= 0;
  }

  static boolean before(Object a, Object b) {
    Instant ia = instant(a);
    Instant ib = instant(b);
    return ia != null && ib != null && ia.isBefore(ib);
  }

  static boolean after(Object a, Object b) {
    Instant ia = instant(a);
    Instant ib = instant(b);
    return ia != null && ib != null && ia.isAfter(ib);
  }

  /** The date lies in [now - span, now]. */
  static boolean withinLast(Object v, Object span, Object now) {
    Instant t = instant(v);
    Duration d = duration(span);
    Instant at = instant(now);
    return t != null && d != null && at != null && !t.isBefore(at.minus(d)) && !t.isAfter(at);
  }

  /** The date lies in [now, now + span]. */
  static boolean withinNext(Object v, Object span, Object now) {
    Instant t = instant(v);
    Duration d = duration(span);
    Instant at = instant(now);
    return t != null && d != null && at != null && !t.isBefore(at) && !t.isAfter(at.plus(d));
  }

  /**
   * An instant: an {@code Instant}, or text in ISO-8601 form: with an offset ({@code
   * 2025-03-01T09:00:00Z}, {@code …+02:00}), without one (read as UTC) or a date alone (its start,
   * UTC). Null otherwise.
   */
  static Instant instant(Object v) {
    if (v instanceof Instant i) {
      return i;
    }
    if (!(v instanceof String text) || text.length() < 10 || text.charAt(4) != '-') {
      return null;
    }
    String s = text.length() > 10 && text.charAt(10) == ' ' ? text.replace(' ', 'T') : text;
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      char last = s.charAt(s.length() - 1);
      boolean zoned =
          last == 'Z' || last == 'z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
      return zoned
          ? OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant()
          : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }

  /** A {@code Duration}, or ISO-8601 duration text ({@code PT30M}, {@code P2D}); null otherwise. */
  static Duration duration(Object v) {
    if (v instanceof Duration d) {
      return d;
    }
    if (v instanceof String s) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException notADuration) {
        return null;
      }
    }
    return null;
  }

  static boolean isNull(Object v) {
    return v == null || v instanceof dev.cel.common.values.NullValue;
  }

  private static boolean member(Object v, List<?> options) {
    for (Object option : options) {
      if (eq(v, option)) {
        return true;
      }
    }
    return false;
  }

  /** Text, or the digits of a whole number; null for anything else. */
  private static String text(Object v) {
    return switch (v) {
      case String s -> s;
      case Long l -> l.toString();
      case Integer i -> i.toString();
      default -> null;
    };
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** A number, or text that is exactly a decimal number; null otherwise. */
  private static Number number(Object v) {
    return switch (v) {
      case Long l -> l;
      case Double d -> d;
      case Integer i -> i.longValue();
      case UnsignedLong u -> u.bigIntegerValue().doubleValue();
      case Number n -> n.doubleValue();
      case String s when NUMBER.matcher(s.strip()).matches() -> parseNumber(s.strip());
      default -> null;
    };
  }

  private static Number parseNumber(String s) {
    try {
      return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
    } catch (NumberFormatException notWhole) {
      return Double.parseDouble(s);
    }
  }

  private static int compareNumbers(Number a, Number b) {
    if (a instanceof Long la && b instanceof Long lb) {
      return Long.compare(la, lb);
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    return x < y ? -1 : x > y ? 1 : 0;
  }
}
