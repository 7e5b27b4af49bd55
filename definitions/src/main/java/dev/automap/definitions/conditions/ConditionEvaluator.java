package dev.automap.definitions.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.automap.definitions.problems.Problem;
import dev.cel.bundle.Cel;
import dev.cel.common.CelValidationResult;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides conditions, structured and {@code cel} alike, with one set of semantics: a structured
 * condition is written as CEL over the {@code op_*} functions (see {@link #toCel}) and runs through
 * the same CEL runtime as a {@code cel} string. Deterministic and free of I/O: it reads no clock
 * ({@link Facts#now()} is passed in), so workflow code may call it.
 *
 * <h2>Missing values</h2>
 *
 * A value is <em>absent</em> when its path leads nowhere, or to null, a blank string, an empty list
 * or an empty map. On an absent value {@code exists} is false and {@code not_exists} true; {@code
 * eq}, {@code in}, {@code contains}, {@code starts_with}, {@code ends_with}, {@code gt}, {@code
 * gte}, {@code lt}, {@code lte}, {@code before}, {@code after}, {@code within_last} and {@code
 * within_next} are false. The negative operators are the exact negations of their positive twins,
 * so {@code ne}, {@code not_in} and {@code not_contains} are <em>true</em> on an absent value: as
 * in HubSpot, "is not equal to VIP" includes contacts with no value. A condition that needs the
 * value to be there says so: {@code all: [exists, ne]}.
 *
 * <h2>Comparisons</h2>
 *
 * <ul>
 *   <li>Numbers compare as numbers, whole and decimal mixed ({@code 5 eq 5.0}); text that is
 *       exactly a decimal number compares as that number against a number ({@code "42" eq 42}).
 *   <li>{@code eq}, {@code ne}, {@code in}, {@code not_in} and list membership are exact and
 *       case-sensitive ({@code "VIP"} is not {@code "vip"}). Booleans equal booleans, or the text
 *       {@code true}/{@code false} in any case.
 *   <li>Text search ({@code contains}/{@code not_contains} on text, {@code starts_with}, {@code
 *       ends_with}) ignores case, as marketers expect ({@code "ACME Corp" contains "acme"}).
 *   <li>{@code contains} on a list tests membership; with a list operand, every element must be
 *       contained. {@code in}/{@code not_in} take a list; a list value is in it when any of its
 *       elements is (tags {@code in ["vip", "partner"]}).
 *   <li>{@code gt gte lt lte}: numbers as numbers, else two dates as instants, else text in code
 *       point order; anything else is false.
 *   <li>Dates: an ISO-8601 instant with an offset ({@code 2025-03-01T09:00:00Z}), a local date-time
 *       (read as UTC) or a date ({@code 2025-03-01}, its start in UTC). {@code before} and {@code
 *       after} compare two dates; their value may be {@code "now"}. {@code within_last} and {@code
 *       within_next} take an ISO-8601 duration ({@code P7D}; a day is 24 hours) and hold when the
 *       date lies in {@code [now - d, now]} or {@code [now, now + d]}.
 * </ul>
 *
 * <h2>CEL</h2>
 *
 * Variables {@code contact}, {@code event}, {@code vars}, {@code account} (maps) and {@code now} (a
 * timestamp); the standard library and macros ({@code has}, {@code exists}, …), the string
 * extensions ({@code lowerAscii}, …), optional values ({@code
 * contact.?fields.?country.orValue('')}) and the functions structured conditions use: {@code
 * field(contact, 'fields.country')} and {@code op_X(value, operand)} for every operator X ({@code
 * op_within_last(v, 'P7D', now)}). Plain CEL keeps CEL's own rules: selecting a missing key is an
 * error, and an expression whose evaluation fails counts as false where it stands (a failing {@code
 * cel} inside {@code not} makes the {@code not} true), never an exception to the caller. Use {@code
 * has(contact.fields.x)} or the {@code op_} functions where a value may be missing.
 *
 * <p>A condition with problems ({@link #check}) never holds. Compiled programs are cached (bounded,
 * thread-safe); {@link #compile} hands out the compiled form for hot paths.
 */
public final class ConditionEvaluator {
  private static final int DEFAULT_CACHE_SIZE = 10_000;
  private static final ConditionEvaluator SHARED = new ConditionEvaluator(DEFAULT_CACHE_SIZE);

  private final Cache<Condition, CompiledCondition> conditions;
  private final Cache<String, Expression> expressions;
  private final Cache<String, Expression> valueExpressions;

  public ConditionEvaluator() {
    this(DEFAULT_CACHE_SIZE);
  }

  /**
   * @param cacheSize how many compiled conditions (and as many expressions) to keep
   */
  public ConditionEvaluator(int cacheSize) {
    conditions = CacheBuilder.newBuilder().maximumSize(cacheSize).build();
    expressions = CacheBuilder.newBuilder().maximumSize(cacheSize).build();
    valueExpressions = CacheBuilder.newBuilder().maximumSize(cacheSize / 10 + 1).build();
  }

  /** One evaluator for the whole process, so its cache is shared. */
  public static ConditionEvaluator shared() {
    return SHARED;
  }

  /** Whether {@code condition} holds for {@code facts}; false when it has problems. */
  public boolean test(Condition condition, Facts facts) {
    return compile(condition).test(facts);
  }

  /** The compiled form of {@code condition}, from the cache when it is there. */
  public CompiledCondition compile(Condition condition) {
    if (condition == null) {
      return new CompiledCondition(null, null, List.of(new Problem("", "a condition is required")));
    }
    CompiledCondition compiled = conditions.getIfPresent(condition);
    if (compiled == null) {
      compiled = build(condition);
      conditions.put(condition, compiled);
    }
    return compiled;
  }

  /**
   * What is wrong with {@code condition}, found without evaluating it; paths are JSON Pointers
   * relative to the condition ({@code /all/1/cel}, {@code /value}).
   */
  public List<Problem> check(Condition condition) {
    return compile(condition).problems();
  }

  /** The CEL expression a structured condition means (a {@code cel} condition: its own text). */
  public String toCel(Condition condition) {
    return CelWriter.write(condition);
  }

  /**
   * The value of a CEL expression (e.g. {@code set_var} with {@code cel}) as a plain value ({@code
   * String}, {@code Long}, {@code Double}, {@code Boolean}, {@code Instant}, {@code List}, {@code
   * Map}); empty when it fails or gives null.
   */
  public Optional<Object> value(String cel, Facts facts) {
    Expression expression = valueExpression(cel);
    if (expression.program() == null) {
      return Optional.empty();
    }
    try {
      Object result = expression.program().eval(ConditionCel.activation(facts));
      return Optional.ofNullable(ConditionCel.plainResult(result));
    } catch (Exception failed) {
      return Optional.empty();
    }
  }

  /** What is wrong with a value expression (for {@code set_var} with {@code cel}). */
  public List<String> checkValue(String cel) {
    return valueExpression(cel).problems();
  }

  private Expression valueExpression(String cel) {
    String source = cel == null ? "" : cel;
    Expression expression = valueExpressions.getIfPresent(source);
    if (expression == null) {
      expression = Expression.compile(ConditionCel.VALUES, source);
      valueExpressions.put(source, expression);
    }
    return expression;
  }

  private Expression expression(String source) {
    Expression expression = expressions.getIfPresent(source);
    if (expression == null) {
      expression = Expression.compile(ConditionCel.CONDITIONS, source);
      expressions.put(source, expression);
    }
    return expression;
  }

  private CompiledCondition build(Condition condition) {
    List<Problem> problems = new ArrayList<>();
    check(condition, "", problems);
    if (!problems.isEmpty()) {
      return new CompiledCondition(null, null, problems);
    }
    String cel = toCel(condition);
    return new CompiledCondition(node(condition), cel, List.of());
  }

  /**
   * The evaluation tree: a part without {@code cel} leaves runs as one CEL program (the {@code op_}
   * functions never fail, so CEL's {@code && || !} mean plain logic there); around {@code cel}
   * leaves the combinators run here, so that a failing leaf is false where it stands.
   */
  private Node node(Condition condition) {
    if (!hasCel(condition)) {
      return new Leaf(expression(toCel(condition)).program());
    }
    return switch (condition) {
      case CelCondition c -> new Leaf(expression(c.cel()).program());
      case AllOf a -> new All(a.all().stream().map(this::node).toList());
      case AnyOf a -> new Any(a.any().stream().map(this::node).toList());
      case Not n -> new Negation(node(n.not()));
      case FieldCondition f -> throw new IllegalStateException("a field condition holds no cel");
    };
  }

  private static boolean hasCel(Condition condition) {
    return switch (condition) {
      case CelCondition c -> true;
      case FieldCondition f -> false;
      case AllOf a -> a.all().stream().anyMatch(ConditionEvaluator::hasCel);
      case AnyOf a -> a.any().stream().anyMatch(ConditionEvaluator::hasCel);
      case Not n -> hasCel(n.not());
    };
  }

  private void check(Condition condition, String path, List<Problem> problems) {
    switch (condition) {
      case null -> problems.add(new Problem(path, "a condition is required"));
      case FieldCondition f -> checkField(f, path, problems);
      case AllOf a -> {
        for (int i = 0; i < a.all().size(); i++) {
          check(a.all().get(i), path + "/all/" + i, problems);
        }
      }
      case AnyOf a -> {
        for (int i = 0; i < a.any().size(); i++) {
          check(a.any().get(i), path + "/any/" + i, problems);
        }
      }
      case Not n -> check(n.not(), path + "/not", problems);
      case CelCondition c -> {
        if (c.cel() == null || c.cel().isBlank()) {
          problems.add(new Problem(path + "/cel", "the expression is empty"));
        } else {
          for (String message : expression(c.cel()).problems()) {
            problems.add(new Problem(path + "/cel", message));
          }
        }
      }
    }
  }

  private static void checkField(FieldCondition f, String path, List<Problem> problems) {
    String field = f.field();
    if (field == null || field.isBlank()) {
      problems.add(new Problem(path + "/field", "a path is required"));
    } else {
      String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
      if (!ConditionCel.ROOTS.contains(root)) {
        problems.add(
            new Problem(
                path + "/field",
                "unknown path \""
                    + field
                    + "\": a path starts with contact, event, vars, account or now"));
      } else if (field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
        problems.add(new Problem(path + "/field", "\"" + field + "\" has an empty part"));
      } else if (root.equals("now") && !field.equals("now")) {
        problems.add(new Problem(path + "/field", "now has no parts"));
      }
    }
    Op op = f.op();
    if (op == null) {
      problems.add(new Problem(path + "/op", "an operator is required"));
      return;
    }
    JsonNode value = f.value();
    boolean absent = value == null || value.isMissingNode();
    String at = path + "/value";
    if (op.unary()) {
      if (!absent) {
        problems.add(new Problem(at, op.id() + " takes no value"));
      }
      return;
    }
    if (absent) {
      problems.add(new Problem(at, op.id() + " needs a value"));
      return;
    }
    switch (op) {
      case IN, NOT_IN -> {
        if (!value.isArray()) {
          problems.add(new Problem(at, op.id() + " needs a list"));
        }
      }
      case WITHIN_LAST, WITHIN_NEXT -> {
        var span = value.isTextual() ? Operators.duration(value.textValue()) : null;
        if (span == null || span.isNegative() || span.isZero()) {
          problems.add(
              new Problem(at, op.id() + " needs a positive ISO-8601 duration such as \"P7D\""));
        }
      }
      case BEFORE, AFTER -> {
        boolean date =
            value.isTextual()
                && ("now".equals(value.textValue())
                    || Operators.instant(value.textValue()) != null);
        if (!date) {
          problems.add(
              new Problem(
                  at,
                  op.id() + " needs a date (\"2025-03-01\", \"2025-03-01T09:00:00Z\") or \"now\""));
        }
      }
      case GT, GTE, LT, LTE, STARTS_WITH, ENDS_WITH -> {
        if (!(value.isTextual() || value.isNumber())) {
          problems.add(new Problem(at, op.id() + " needs a number, a date or text"));
        }
      }
      case EQ, NE -> {
        if (value.isNull()) {
          problems.add(
              new Problem(at, "compare with null through exists / not_exists, not " + op.id()));
        }
      }
      default -> {}
    }
  }

  /** A condition ready to run, or the problems that keep it from running. */
  public static final class CompiledCondition {
    private final Node root;
    private final String cel;
    private final List<Problem> problems;

    private CompiledCondition(Node root, String cel, List<Problem> problems) {
      this.root = root;
      this.cel = cel;
      this.problems = List.copyOf(problems);
    }

    /** Whether the condition holds for {@code facts}; false when it has problems. */
    public boolean test(Facts facts) {
      return root != null && root.test(ConditionCel.activation(facts));
    }

    public List<Problem> problems() {
      return problems;
    }

    /** The CEL the condition runs as; null when it has problems. */
    public String cel() {
      return cel;
    }
  }

  /** One checked CEL expression: its program, or the messages of what is wrong with it. */
  private record Expression(CelRuntime.Program program, List<String> problems) {
    static Expression compile(Cel cel, String source) {
      CelValidationResult result;
      try {
        result = cel.compile(source);
      } catch (RuntimeException e) {
        return new Expression(null, List.of("cannot read the expression: " + e.getMessage()));
      }
      if (result.hasError()) {
        return new Expression(null, List.copyOf(ConditionCel.messages(result)));
      }
      return new Expression(ConditionCel.program(cel, result), List.of());
    }
  }

  private sealed interface Node {
    boolean test(Map<String, Object> activation);
  }

  private record Leaf(CelRuntime.Program program) implements Node {
    @Override
    public boolean test(Map<String, Object> activation) {
      if (program == null) {
        return false;
      }
      try {
        return Boolean.TRUE.equals(program.eval(activation));
      } catch (Exception evaluationFailed) {
        return false;
      }
    }
  }

  private record All(List<Node> parts) implements Node {
    @Override
    public boolean test(Map<String, Object> activation) {
      for (Node part : parts) {
        if (!part.test(activation)) {
          return false;
        }
      }
      return true;
    }
  }

  private record Any(List<Node> parts) implements Node {
    @Override
    public boolean test(Map<String, Object> activation) {
      for (Node part : parts) {
        if (part.test(activation)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Negation(Node part) implements Node {
    @Override
    public boolean test(Map<String, Object> activation) {
      return !part.test(activation);
    }
  }
}
