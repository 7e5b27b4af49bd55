package dev.automap.definitions.validation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.conditions.AllOf;
import dev.automap.definitions.conditions.AnyOf;
import dev.automap.definitions.conditions.CelCondition;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Not;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.MessageStep;
import dev.automap.definitions.model.Weekday;
import dev.automap.definitions.paths.ContactPath;
import dev.automap.definitions.problems.Problem;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One validation of one map: the problems found so far, the index of its steps, and the small
 * checks the rules are made of. Each check adds its problem at the JSON Pointer it is given.
 */
class Checks {
  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  static final Pattern EVENT_TYPE =
      Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){1,4}");
  static final Pattern TEAM_OR_USER =
      Pattern.compile("owner|team:[A-Za-z0-9_.-]{1,64}|[A-Za-z0-9_.@-]{1,128}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Set<String> SIMPLE_FORMATS =
      Set.of("upper", "lower", "title", "capitalize", "trim");

  final AutomationMap map;
  final List<Problem> problems = new ArrayList<>();

  /** First index of each step id. */
  final Map<String, Integer> index = new LinkedHashMap<>();

  Checks(AutomationMap map) {
    this.map = map;
  }

  void add(String path, String message) {
    problems.add(new Problem(path, message));
  }

  /** Runs a check; a bug in it becomes a problem at its path instead of an exception. */
  void guarded(String path, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | StackOverflowError e) {
      add(path, "cannot be checked: " + e.getClass().getSimpleName());
    }
  }

  // ---- conditions and event matches

  void match(String at, Match match) {
    switch (match) {
      case null -> add(at, "required");
      case Match.OnEvent e -> eventMatch(at, e.event());
      case Match.OnCondition c -> condition(at, c.condition());
    }
  }

  void eventMatch(String at, EventMatch match) {
    eventType(at + "/event", match.event());
    if (match.where() != null) {
      condition(at + "/where", match.where());
    }
    String from = match.fromStep();
    if (from != null) {
      Integer i = index.get(from);
      if (i == null) {
        add(at + "/fromStep", "no step \"" + from + "\"");
      } else if (!(map.steps().get(i) instanceof MessageStep)) {
        add(
            at + "/fromStep",
            "step \""
                + from
                + "\" sends no message (use a send_email, send_sms,"
                + " send_whatsapp or notify step)");
      }
    }
  }

  void condition(String at, Condition condition) {
    condition(at, condition, 1);
  }

  void condition(String at, Condition condition, int depth) {
    if (depth > MapValidator.MAX_CONDITION_DEPTH) {
      add(at, "conditions nest at most " + MapValidator.MAX_CONDITION_DEPTH + " deep");
      return;
    }
    switch (condition) {
      case null -> add(at, "a condition cannot be null");
      case FieldCondition f -> fieldCondition(at, f);
      case AllOf a -> {
        if (size(at + "/all", a.all(), 0, MapValidator.MAX_LIST)) {
          for (int i = 0; i < a.all().size(); i++) {
            condition(at + "/all/" + i, a.all().get(i), depth + 1);
          }
        }
      }
      case AnyOf a -> {
        if (size(at + "/any", a.any(), 0, MapValidator.MAX_LIST)) {
          for (int i = 0; i < a.any().size(); i++) {
            condition(at + "/any/" + i, a.any().get(i), depth + 1);
          }
        }
      }
      case Not n -> condition(at + "/not", n.not(), depth + 1);
      case CelCondition c -> {
        if (blank(c.cel())) {
          add(at + "/cel", "required");
        }
      }
    }
  }

  void fieldCondition(String at, FieldCondition f) {
    if (required(at + "/field", f.field())) {
      path(at + "/field", f.field());
    }
    Op op = f.op();
    if (!required(at + "/op", op)) {
      return;
    }
    JsonNode value = f.value();
    boolean hasValue = value != null && !value.isNull() && !value.isMissingNode();
    if (op.unary()) {
      if (hasValue) {
        add(at + "/value", op.id() + " takes no value");
      }
      return;
    }
    if (!hasValue) {
      add(at + "/value", op.id() + " needs a value");
      return;
    }
    switch (op) {
      case IN, NOT_IN -> {
        if (!value.isArray()) {
          add(at + "/value", op.id() + " needs a list");
        } else if (value.size() > 1000) {
          add(at + "/value", "at most 1000 values");
        }
      }
      case WITHIN_LAST, WITHIN_NEXT -> {
        if (!value.isTextual() || !isPositiveDuration(value.textValue())) {
          add(at + "/value", op.id() + " needs a positive ISO-8601 duration, e.g. P7D");
        }
      }
      case BEFORE, AFTER, GT, GTE, LT, LTE, STARTS_WITH, ENDS_WITH -> {
        if (!value.isValueNode()) {
          add(at + "/value", op.id() + " needs a single value");
        }
      }
      default -> {}
    }
  }

  // ---- small checks; each returns whether the value passed, to let callers go deeper

  boolean required(String at, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(at, "required");
      return false;
    }
    if (value instanceof Collection<?> c && c.isEmpty()) {
      add(at, "must not be empty");
      return false;
    }
    return true;
  }

  boolean size(String at, Collection<?> values, int min, int max) {
    if (values.size() < min) {
      add(at, "at least " + min);
      return false;
    }
    if (values.size() > max) {
      add(at, "at most " + max);
      return false;
    }
    return true;
  }

  void exactlyOne(String at, String a, Object va, String b, Object vb) {
    if (va == null && vb == null) {
      add(at, "needs " + a + " or " + b);
    } else if (va != null && vb != null) {
      add(at + "/" + b, "use " + a + " or " + b + ", not both");
    }
  }

  void strings(String at, List<String> values, int maxLength) {
    if (!required(at, values) || !size(at, values, 1, MapValidator.MAX_LIST)) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (blank(v)) {
        add(at + "/" + i, "must not be empty");
      } else if (v.length() > maxLength) {
        add(at + "/" + i, "at most " + maxLength + " characters");
      }
    }
  }

  void positive(String at, Duration d) {
    if (d.isNegative() || d.isZero()) {
      add(at, "must be positive");
    } else if (d.compareTo(MapValidator.MAX_DURATION) > 0) {
      add(at, "at most P3650D");
    }
  }

  void bounded(String at, Duration d) {
    if (d.abs().compareTo(MapValidator.MAX_DURATION) > 0) {
      add(at, "at most P3650D either way");
    }
  }

  void zone(String at, String zone, boolean contactAllowed) {
    if (contactAllowed && zone.equals("contact")) {
      return;
    }
    if (!ZONES.contains(zone)) {
      add(
          at,
          "not an IANA time zone: \""
              + zone
              + "\""
              + (contactAllowed ? " (or use \"contact\")" : ""));
    }
  }

  void days(String at, List<Weekday> days) {
    Set<Weekday> seen = new HashSet<>();
    for (int i = 0; i < days.size(); i++) {
      if (days.get(i) == null) {
        add(at + "/" + i, "required");
      } else if (!seen.add(days.get(i))) {
        add(at + "/" + i, "duplicate day " + days.get(i));
      }
    }
  }

  void eventType(String at, String type) {
    if (required(at, type) && !EVENT_TYPE.matcher(type).matches()) {
      add(at, "not an event type: \"" + type + "\" (dotted, e.g. email.opened)");
    }
  }

  void path(String at, String path) {
    if (!FieldPaths.isValid(path)) {
      add(at, "not a known path: \"" + abbreviate(path) + "\" (" + FieldPaths.EXPECTED + ")");
    }
  }

  /**
   * A contact value an action can set, with or without the {@code contact.} prefix; not its id,
   * tags (they have their own steps) or timestamps.
   */
  void writable(String at, String path) {
    ContactPath p = ContactPath.parse(path);
    if (!FieldPaths.isContactEitherWay(path)
        || p.kind() == ContactPath.Kind.VALUE
            && List.of("id", "tags", "createdAt", "updatedAt").contains(p.name())) {
      add(at, "not a contact field that can be set: \"" + abbreviate(String.valueOf(path)) + "\"");
    }
  }

  void varName(String at, String name, boolean isRequired) {
    if (name == null) {
      if (isRequired) {
        add(at, "required");
      }
    } else if (!FieldPaths.isVarName(name)) {
      add(at, "must match [A-Za-z_][A-Za-z0-9_-]{0,127}");
    }
  }

  void automationKey(String at, String key) {
    if (required(at, key) && !KEY.matcher(key).matches()) {
      add(at, "not an automation key: \"" + abbreviate(key) + "\"");
    }
  }

  void cron(String at, String expression) {
    if (expression.length() > 200) {
      add(at, "at most 200 characters");
      return;
    }
    try {
      CRON.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      add(at, "not a 5-field cron expression (minute hour day month weekday): " + e.getMessage());
    }
  }

  void format(String at, String as) {
    if (SIMPLE_FORMATS.contains(as)) {
      return;
    }
    try {
      if (as.startsWith("number:")) {
        new DecimalFormat(as.substring("number:".length()));
        return;
      }
      if (as.startsWith("date:")) {
        DateTimeFormatter.ofPattern(as.substring("date:".length()));
        return;
      }
    } catch (IllegalArgumentException e) {
      add(at, "bad pattern: " + e.getMessage());
      return;
    }
    add(at, "use upper, lower, title, capitalize, trim, number:<pattern> or date:<pattern>");
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  static boolean isPositiveDuration(String text) {
    try {
      Duration d = Duration.parse(text);
      return !d.isNegative() && !d.isZero();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
