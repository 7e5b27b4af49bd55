package dev.automap.definitions.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a condition or a template sees: the names a path starts with ({@code contact}, {@code
 * event}, {@code vars}, {@code account}, {@code now}).
 *
 * <p>{@code now} is passed in, never read from a clock: conditions run inside workflow code. The
 * maps are deep, immutable copies in a small value vocabulary: {@code String}, {@code Long}, {@code
 * Double}, {@code Boolean}, {@code Instant}, {@code Duration}, {@code List}, {@code Map} with
 * string keys, and {@code null}. Other integers become {@code Long}, other decimals {@code Double},
 * offset and zoned date-times {@code Instant}, JSON nodes their plain value and anything else its
 * string form. An absent event is an empty map.
 *
 * @param contact the contact: {@code email}, {@code phone}, {@code firstName}, {@code lastName},
 *     {@code tags} (a list), {@code fields} (custom fields), {@code timezone}, {@code ownerId},
 *     {@code score}, …
 * @param event the event that triggered the run or that a wait matched: {@code type}, {@code data},
 *     …
 * @param vars values that steps of this run saved
 * @param account the account, with its custom values under {@code values}
 * @param now the instant the condition is evaluated at (workflow time)
 */
public record Facts(
    Map<String, Object> contact,
    Map<String, Object> event,
    Map<String, Object> vars,
    Map<String, Object> account,
    Instant now) {

  public Facts {
    Objects.requireNonNull(now, "now");
    contact = plainMap(contact);
    event = plainMap(event);
    vars = plainMap(vars);
    account = plainMap(account);
  }

  /** No contact, event, vars or account values yet, at {@code now}. */
  public static Facts at(Instant now) {
    return new Facts(Map.of(), Map.of(), Map.of(), Map.of(), now);
  }

  public Facts withContact(Map<String, ?> contact) {
    return new Facts(plainMap(contact), event, vars, account, now);
  }

  public Facts withEvent(Map<String, ?> event) {
    return new Facts(contact, plainMap(event), vars, account, now);
  }

  public Facts withVars(Map<String, ?> vars) {
    return new Facts(contact, event, plainMap(vars), account, now);
  }

  /** The account's custom values, seen as {@code account.values.<name>}. */
  public Facts withAccountValues(Map<String, ?> values) {
    Map<String, Object> account = new LinkedHashMap<>(this.account);
    account.put("values", values == null ? Map.of() : values);
    return new Facts(contact, event, vars, plainMap(account), now);
  }

  public Facts withNow(Instant now) {
    return new Facts(contact, event, vars, account, now);
  }

  /** The root names and their values, as templates and CEL see them. */
  public Map<String, Object> roots() {
    Map<String, Object> roots = new LinkedHashMap<>();
    roots.put("contact", contact);
    roots.put("event", event);
    roots.put("vars", vars);
    roots.put("account", account);
    roots.put("now", now);
    return Collections.unmodifiableMap(roots);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> plainMap(Map<String, ?> map) {
    if (map == null) {
      return Map.of();
    }
    return (Map<String, Object>) plain(map);
  }

  /** The value in the vocabulary above; maps and lists copied and made immutable. */
  static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Long l -> l;
      case Double d -> d;
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Float f -> f.doubleValue();
      case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
      case BigDecimal b -> plainDecimal(b);
      case Instant i -> i;
      case java.time.Duration d -> d;
      case OffsetDateTime t -> t.toInstant();
      case ZonedDateTime t -> t.toInstant();
      case TemporalAccessor t -> t.toString();
      case JsonNode node -> plainJson(node);
      case Map<?, ?> m -> {
        Map<String, Object> copy = LinkedHashMap.newLinkedHashMap(m.size());
        m.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
        yield Collections.unmodifiableMap(copy);
      }
      case Collection<?> c -> {
        List<Object> copy = new ArrayList<>(c.size());
        c.forEach(v -> copy.add(plain(v)));
        yield Collections.unmodifiableList(copy);
      }
      case Object[] a -> plain(Arrays.asList(a));
      case Enum<?> e -> e.name();
      case CharSequence s -> s.toString();
      default -> value.toString();
    };
  }

  private static Object plainDecimal(BigDecimal b) {
    if (b.signum() == 0 || b.stripTrailingZeros().scale() <= 0) {
      try {
        return b.longValueExact();
      } catch (ArithmeticException tooBig) {
        return b.doubleValue();
      }
    }
    return b.doubleValue();
  }

  private static Object plainJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return plain(node.bigIntegerValue());
    }
    if (node.isBigDecimal()) {
      return plainDecimal(node.decimalValue());
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> copy = new ArrayList<>(node.size());
      node.forEach(v -> copy.add(plainJson(v)));
      return Collections.unmodifiableList(copy);
    }
    if (node.isObject()) {
      Map<String, Object> copy = LinkedHashMap.newLinkedHashMap(node.size());
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        copy.put(e.getKey(), plainJson(e.getValue()));
      }
      return Collections.unmodifiableMap(copy);
    }
    return node.asText();
  }
}
