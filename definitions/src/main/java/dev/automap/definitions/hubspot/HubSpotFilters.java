package dev.automap.definitions.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.automap.definitions.conditions.AllOf;
import dev.automap.definitions.conditions.AnyOf;
import dev.automap.definitions.conditions.CelCondition;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Not;
import dev.automap.definitions.conditions.Op;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HubSpot list filters (filter branches of enrollment criteria, list branches, goals) as structured
 * conditions. A filter with no equivalent becomes a condition that never holds, with a warning: a
 * contact is left out rather than let in by a filter that was dropped.
 */
final class HubSpotFilters {
  /** Whose properties the filters name: the contact's, or the triggering event's. */
  enum Scope {
    CONTACT,
    EVENT
  }

  /** Stands for a filter that could not be carried over; never holds. */
  static final Condition NEVER = new CelCondition("false");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Warnings warnings;

  HubSpotFilters(Warnings warnings) {
    this.warnings = warnings;
  }

  /**
   * A filter branch ({@code filterBranchType} with {@code filters} and nested {@code
   * filterBranches}).
   */
  Condition branch(JsonNode branch, String at, Scope scope) {
    if (branch == null || !branch.isObject() || branch.isEmpty()) {
      return never(at, "the filter branch is empty: this condition never holds");
    }
    String type = HubSpotProperties.text(branch.get("filterBranchType"));
    if (type == null) {
      type = HubSpotProperties.text(branch.get("filterBranchOperator"));
    }
    type = type == null ? "AND" : type.toUpperCase(Locale.ROOT);
    if (!List.of("AND", "OR", "NOT_ALL", "NOT_ANY").contains(type)) {
      return never(
          at + "/filterBranchType",
          "filters of type "
              + type
              + " (events, associated records) have no equivalent here: this condition never holds");
    }
    List<Condition> parts = new ArrayList<>();
    JsonNode filters = branch.path("filters");
    for (int i = 0; i < filters.size(); i++) {
      parts.add(filter(filters.get(i), at + "/filters/" + i, scope));
    }
    JsonNode nested = branch.path("filterBranches");
    for (int i = 0; i < nested.size(); i++) {
      parts.add(branch(nested.get(i), at + "/filterBranches/" + i, scope));
    }
    if (parts.isEmpty()) {
      return never(at, "the filter branch has no filters: this condition never holds");
    }
    return switch (type) {
      case "OR" -> any(parts);
      case "NOT_ALL" -> new Not(all(parts));
      case "NOT_ANY" -> new Not(any(parts));
      default -> all(parts);
    };
  }

  /**
   * The refinements of an event filter branch (its {@code filters} and {@code filterBranches}, all
   * of which must hold) on the event's data; null when there are none.
   */
  Condition refinements(JsonNode eventBranch, String at) {
    List<Condition> parts = new ArrayList<>();
    JsonNode filters = eventBranch.path("filters");
    for (int i = 0; i < filters.size(); i++) {
      parts.add(filter(filters.get(i), at + "/filters/" + i, Scope.EVENT));
    }
    JsonNode nested = eventBranch.path("filterBranches");
    for (int i = 0; i < nested.size(); i++) {
      parts.add(branch(nested.get(i), at + "/filterBranches/" + i, Scope.EVENT));
    }
    return parts.isEmpty() ? null : all(parts);
  }

  /** One filter; only property filters have an equivalent. */
  Condition filter(JsonNode filter, String at, Scope scope) {
    if (filter == null || !filter.isObject()) {
      return never(at, "not a filter: this condition never holds");
    }
    String type = HubSpotProperties.text(filter.get("filterType"));
    if (type != null && !type.equals("PROPERTY")) {
      String what =
          type.equals("IN_LIST")
              ? "list membership (list " + HubSpotProperties.text(filter.get("listId")) + ")"
              : "filters of type " + type;
      return never(at + "/filterType", what + " cannot be tested here: this condition never holds");
    }
    String property = HubSpotProperties.text(filter.get("property"));
    if (property == null || property.isBlank()) {
      return never(at + "/property", "the filter names no property: this condition never holds");
    }
    String path =
        scope == Scope.CONTACT
            ? HubSpotProperties.contactPath(property)
            : "event.data." + HubSpotProperties.name(property);
    JsonNode operation = filter.path("operation");
    String operator = HubSpotProperties.text(operation.get("operator"));
    if (operator == null) {
      return never(
          at + "/operation/operator", "the filter has no operator: this condition never holds");
    }
    Condition condition = operation(path, operator, operation, at + "/operation");
    if (condition == NEVER) {
      return condition;
    }
    JsonNode noValue = operation.get("includeObjectsWithNoValueSet");
    if (noValue != null
        && noValue.isBoolean()
        && !operator.equals("IS_KNOWN")
        && !operator.equals("IS_UNKNOWN")) {
      // absent values: the positive operators never hold, the negative ones always do; HubSpot says
      // which it wants
      boolean negative = operator.contains("NOT") || operator.equals("IS_NONE_OF");
      if (noValue.booleanValue() && !negative) {
        condition = new AnyOf(List.of(condition, field(path, Op.NOT_EXISTS, null)));
      } else if (!noValue.booleanValue() && negative) {
        condition = new AllOf(List.of(field(path, Op.EXISTS, null), condition));
      }
    }
    return condition;
  }

  private Condition operation(String path, String operator, JsonNode operation, String at) {
    List<JsonNode> values = values(operation);
    JsonNode value = values.size() == 1 ? values.getFirst() : null;
    return switch (operator) {
      case "IS_KNOWN" -> field(path, Op.EXISTS, null);
      case "IS_UNKNOWN" -> field(path, Op.NOT_EXISTS, null);
      case "IS_EQUAL_TO", "IS_EXACTLY" ->
          values.isEmpty()
              ? noValue(at, operator)
              : value != null ? field(path, Op.EQ, value) : field(path, Op.IN, list(values));
      case "IS_NOT_EQUAL_TO", "IS_NOT_EXACTLY" ->
          values.isEmpty()
              ? noValue(at, operator)
              : value != null ? field(path, Op.NE, value) : field(path, Op.NOT_IN, list(values));
      case "IS_ANY_OF" ->
          values.isEmpty() ? noValue(at, operator) : field(path, Op.IN, list(values));
      case "IS_NONE_OF" ->
          values.isEmpty() ? noValue(at, operator) : field(path, Op.NOT_IN, list(values));
      case "CONTAINS" -> eachOf(path, Op.CONTAINS, values, false, at, operator);
      case "DOES_NOT_CONTAIN" -> eachOf(path, Op.NOT_CONTAINS, values, true, at, operator);
      case "STARTS_WITH" -> eachOf(path, Op.STARTS_WITH, values, false, at, operator);
      case "ENDS_WITH" -> eachOf(path, Op.ENDS_WITH, values, false, at, operator);
      case "CONTAINS_ALL" ->
          values.isEmpty() ? noValue(at, operator) : field(path, Op.CONTAINS, list(values));
      case "DOES_NOT_CONTAIN_ALL" ->
          values.isEmpty()
              ? noValue(at, operator)
              : new Not(field(path, Op.CONTAINS, list(values)));
      case "IS_GREATER_THAN" -> compare(path, Op.GT, value, at, operator);
      case "IS_GREATER_THAN_OR_EQUAL_TO" -> compare(path, Op.GTE, value, at, operator);
      case "IS_LESS_THAN" -> compare(path, Op.LT, value, at, operator);
      case "IS_LESS_THAN_OR_EQUAL_TO" -> compare(path, Op.LTE, value, at, operator);
      case "IS_BETWEEN" -> between(path, operation, at);
      case "IS_NOT_BETWEEN" -> {
        Condition between = between(path, operation, at);
        yield between == NEVER ? NEVER : new Not(between);
      }
      case "IS_BEFORE", "IS_AFTER" -> {
        Condition point =
            time(path, operation.get("timePoint"), operator.equals("IS_AFTER"), at + "/timePoint");
        yield point;
      }
      default ->
          never(
              at + "/operator",
              "the operator "
                  + operator
                  + " (for instance a test on a property's history) has no equivalent here: this condition never holds");
    };
  }

  private static List<JsonNode> values(JsonNode operation) {
    List<JsonNode> out = new ArrayList<>();
    JsonNode many = operation.get("values");
    if (many != null && many.isArray()) {
      many.forEach(
          v -> {
            if (v.isValueNode() && !v.isNull()) {
              out.add(v);
            }
          });
    } else {
      JsonNode one = operation.get("value");
      if (one != null && one.isValueNode() && !one.isNull()) {
        out.add(one);
      }
    }
    return out;
  }

  private Condition eachOf(
      String path, Op op, List<JsonNode> values, boolean every, String at, String operator) {
    if (values.isEmpty()) {
      return noValue(at, operator);
    }
    List<Condition> parts = values.stream().map(v -> (Condition) field(path, op, v)).toList();
    return every ? all(parts) : any(parts);
  }

  private Condition compare(String path, Op op, JsonNode value, String at, String operator) {
    if (value == null) {
      return noValue(at, operator);
    }
    return field(path, op, number(value));
  }

  private Condition between(String path, JsonNode operation, String at) {
    if (operation.has("lowerBoundTimePoint") || operation.has("upperBoundTimePoint")) {
      Condition from =
          time(path, operation.get("lowerBoundTimePoint"), true, at + "/lowerBoundTimePoint");
      Condition to =
          time(path, operation.get("upperBoundTimePoint"), false, at + "/upperBoundTimePoint");
      return from == NEVER || to == NEVER ? NEVER : new AllOf(List.of(from, to));
    }
    JsonNode lower = operation.get("lowerBound");
    JsonNode upper = operation.get("upperBound");
    if (lower == null || !lower.isValueNode() || upper == null || !upper.isValueNode()) {
      return never(at, "IS_BETWEEN needs lowerBound and upperBound: this condition never holds");
    }
    return new AllOf(
        List.of(field(path, Op.GTE, number(lower)), field(path, Op.LTE, number(upper))));
  }

  /**
   * Before or after a time point: a calendar date ({@code timeType: DATE}) or a time relative to
   * today ({@code INDEXED}, with an {@code offset}), written with before/after/within_* against
   * now.
   */
  private Condition time(String path, JsonNode point, boolean after, String at) {
    if (point == null || !point.isObject()) {
      return never(at, "the filter has no time point: this condition never holds");
    }
    String type = HubSpotProperties.text(point.get("timeType"));
    if ("DATE".equals(type)) {
      try {
        LocalDate date =
            LocalDate.of(
                point.path("year").asInt(), point.path("month").asInt(), point.path("day").asInt());
        String zone = HubSpotProperties.text(point.get("zoneId"));
        ZoneId zoneId = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        String instant = date.atStartOfDay(zoneId).toInstant().toString();
        return field(path, after ? Op.AFTER : Op.BEFORE, JSON.textNode(instant));
      } catch (RuntimeException e) {
        return never(at, "not a date: this condition never holds");
      }
    }
    if ("INDEXED".equals(type)) {
      Duration offset = offset(point.path("offset"), at + "/offset");
      if (offset == null) {
        return NEVER;
      }
      return relative(path, offset, after);
    }
    return never(
        at + "/timeType",
        "time points of type " + type + " have no equivalent here: this condition never holds");
  }

  /** Before or after now + offset, in the operators that compare with now. */
  private static Condition relative(String path, Duration offset, boolean after) {
    FieldCondition afterNow = field(path, Op.AFTER, JSON.textNode("now"));
    FieldCondition beforeNow = field(path, Op.BEFORE, JSON.textNode("now"));
    if (offset.isZero()) {
      return after ? afterNow : beforeNow;
    }
    String span = iso(offset.abs());
    if (offset.isNegative()) {
      FieldCondition recently = field(path, Op.WITHIN_LAST, JSON.textNode(span));
      return after
          ? new AnyOf(List.of(recently, afterNow))
          : new AllOf(List.of(beforeNow, new Not(recently)));
    }
    FieldCondition soon = field(path, Op.WITHIN_NEXT, JSON.textNode(span));
    return after
        ? new AllOf(List.of(afterNow, new Not(soon)))
        : new AnyOf(List.of(beforeNow, soon));
  }

  /** {@code {"days": -7}} and the like; months and years count as 30 and 365 days. */
  private Duration offset(JsonNode offset, String at) {
    if (offset == null || !offset.isObject()) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    for (var entry : offset.properties()) {
      long n = entry.getValue().asLong();
      Duration unit =
          switch (entry.getKey().toLowerCase(Locale.ROOT)) {
            case "minutes" -> Duration.ofMinutes(1);
            case "hours" -> Duration.ofHours(1);
            case "days" -> Duration.ofDays(1);
            case "weeks" -> Duration.ofDays(7);
            case "months" -> {
              warnings.add(at + "/months", "a month counts as 30 days here");
              yield Duration.ofDays(30);
            }
            case "quarters" -> {
              warnings.add(at + "/quarters", "a quarter counts as 91 days here");
              yield Duration.ofDays(91);
            }
            case "years" -> {
              warnings.add(at + "/years", "a year counts as 365 days here");
              yield Duration.ofDays(365);
            }
            default -> null;
          };
      if (unit == null) {
        warnings.add(at + "/" + entry.getKey(), "unknown unit of time: this condition never holds");
        return null;
      }
      total = total.plus(unit.multipliedBy(n));
    }
    return total;
  }

  /** A duration as people write it: whole days as {@code P7D}. */
  static String iso(Duration d) {
    return d.toSecondsPart() == 0 && d.toMinutesPart() == 0 && d.toHoursPart() == 0 && !d.isZero()
        ? (d.isNegative() ? "-P" : "P") + Math.abs(d.toDays()) + "D"
        : d.toString();
  }

  private Condition noValue(String at, String operator) {
    return never(at, operator + " needs a value: this condition never holds");
  }

  private Condition never(String at, String message) {
    warnings.add(at, message);
    return NEVER;
  }

  private static JsonNode number(JsonNode value) {
    if (value.isTextual()) {
      try {
        return JSON.numberNode(new BigDecimal(value.textValue().trim()));
      } catch (NumberFormatException e) {
        return value;
      }
    }
    return value;
  }

  private static ArrayNode list(List<JsonNode> values) {
    ArrayNode list = JSON.arrayNode();
    values.forEach(list::add);
    return list;
  }

  static FieldCondition field(String path, Op op, JsonNode value) {
    return new FieldCondition(path, op, value);
  }

  static Condition all(List<Condition> parts) {
    return parts.size() == 1 ? parts.getFirst() : new AllOf(List.copyOf(parts));
  }

  static Condition any(List<Condition> parts) {
    return parts.size() == 1 ? parts.getFirst() : new AnyOf(List.copyOf(parts));
  }
}
