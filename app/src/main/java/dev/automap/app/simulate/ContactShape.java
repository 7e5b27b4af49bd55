package dev.automap.app.simulate;

import dev.automap.app.problems.ProblemDetail.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types a contact's known properties have, checked where a contact comes in from outside, so
 * that no step meets a {@code tags} that is a number or a {@code score} that is text.
 */
final class ContactShape {
  private static final Set<String> TEXT =
      Set.of("id", "email", "phone", "firstName", "lastName", "timezone", "ownerId");

  private ContactShape() {}

  static void check(Map<String, Object> contact, String at, List<FieldError> errors) {
    contact.forEach(
        (key, value) -> {
          String path = at + "/" + key;
          if (value == null) {
            return;
          }
          if (TEXT.contains(key) && !(value instanceof String)) {
            errors.add(new FieldError(path, key + " is text"));
          } else if (key.equals("tags")
              && !(value instanceof List<?> list
                  && list.stream().allMatch(String.class::isInstance))) {
            errors.add(new FieldError(path, "tags is a list of text"));
          } else if (key.equals("fields") && !(value instanceof Map<?, ?>)) {
            errors.add(new FieldError(path, "fields is an object"));
          } else if (key.equals("dnd")
              && !(value instanceof Map<?, ?> dnd
                  && dnd.values().stream().allMatch(v -> v == null || v instanceof Boolean))) {
            errors.add(new FieldError(path, "dnd is an object of true or false by channel"));
          } else if (key.equals("score") && !isScore(value)) {
            errors.add(
                new FieldError(
                    path,
                    "score is a whole number between "
                        + Integer.MIN_VALUE
                        + " and "
                        + Integer.MAX_VALUE));
          }
        });
  }

  private static boolean isScore(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return true;
    }
    if (value instanceof Long l) {
      return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 32;
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().scale() <= 0
          && d.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
    }
    return false;
  }
}
