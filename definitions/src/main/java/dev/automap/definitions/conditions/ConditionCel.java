package dev.automap.definitions.conditions;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The CEL environment conditions run in: the variables {@code contact}, {@code event}, {@code
 * vars}, {@code account} (maps) and {@code now} (a timestamp); the standard library with macros,
 * the string extensions and optional values ({@code contact.?fields.?country.orValue('')}); and the
 * functions structured conditions compile to:
 *
 * <ul>
 *   <li>{@code field(root, 'a.b')}: the value at that path below a map, {@code null} when any part
 *       is missing;
 *   <li>{@code op_X(value, operand)} for each operator X of the map format ({@code op_eq}, {@code
 *       op_not_in}, {@code op_starts_with}, …), {@code op_exists(value)}, {@code
 *       op_not_exists(value)} and {@code op_within_last(value, 'P7D', now)}, {@code
 *       op_within_next(…)}.
 * </ul>
 */
final class ConditionCel {
  static final List<String> ROOTS = List.of("contact", "event", "vars", "account", "now");

  /** Expressions that must give a bool (conditions). */
  static final Cel CONDITIONS = build(SimpleType.BOOL);

  /** Expressions that may give any value ({@code set_var} with {@code cel}). */
  static final Cel VALUES = build(SimpleType.DYN);

  private ConditionCel() {}

  private static Cel build(CelType result) {
    CelOptions options =
        CelOptions.DEFAULT.toBuilder()
            .enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true)
            .enableTimestampEpoch(true)
            .comprehensionMaxIterations(10_000)
            .build();
    MapType map = MapType.create(SimpleType.STRING, SimpleType.DYN);
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(CelExtensions.strings(), CelExtensions.optional())
            .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.optional())
            .addVar("contact", map)
            .addVar("event", map)
            .addVar("vars", map)
            .addVar("account", map)
            .addVar("now", SimpleType.TIMESTAMP)
            .setResultType(result);
    builder.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            "field",
            CelOverloadDecl.newGlobalOverload(
                "field_dyn_string", SimpleType.DYN, SimpleType.DYN, SimpleType.STRING)));
    builder.addFunctionBindings(
        CelFunctionBinding.from(
            "field_dyn_string", Object.class, String.class, ConditionCel::field));
    binary(builder, "eq", Operators::eq);
    binary(builder, "ne", (a, b) -> !Operators.eq(a, b));
    binary(builder, "in", Operators::in);
    binary(builder, "not_in", (a, b) -> !Operators.in(a, b));
    binary(builder, "contains", Operators::contains);
    binary(builder, "not_contains", (a, b) -> !Operators.contains(a, b));
    binary(builder, "starts_with", Operators::startsWith);
    binary(builder, "ends_with", Operators::endsWith);
    binary(builder, "gt", Operators::gt);
    binary(builder, "gte", Operators::gte);
    binary(builder, "lt", Operators::lt);
    binary(builder, "lte", Operators::lte);
    binary(builder, "before", Operators::before);
    binary(builder, "after", Operators::after);
    unary(builder, "exists", true);
    unary(builder, "not_exists", false);
    window(builder, "within_last", true);
    window(builder, "within_next", false);
    return builder.build();
  }

  private static void binary(CelBuilder builder, String op, BiPredicate<Object, Object> test) {
    String name = "op_" + op;
    String overload = name + "_dyn_dyn";
    builder.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            name,
            CelOverloadDecl.newGlobalOverload(
                overload, SimpleType.BOOL, SimpleType.DYN, SimpleType.DYN)));
    builder.addFunctionBindings(
        CelFunctionBinding.from(overload, Object.class, Object.class, test::test));
  }

  private static void unary(CelBuilder builder, String op, boolean exists) {
    String name = "op_" + op;
    String overload = name + "_dyn";
    builder.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            name, CelOverloadDecl.newGlobalOverload(overload, SimpleType.BOOL, SimpleType.DYN)));
    builder.addFunctionBindings(
        CelFunctionBinding.from(overload, Object.class, v -> Operators.exists(v) == exists));
  }

  private static void window(CelBuilder builder, String op, boolean last) {
    String name = "op_" + op;
    String overload = name + "_dyn_dyn_timestamp";
    builder.addFunctionDeclarations(
        CelFunctionDecl.newFunctionDeclaration(
            name,
            CelOverloadDecl.newGlobalOverload(
                overload, SimpleType.BOOL, SimpleType.DYN, SimpleType.DYN, SimpleType.TIMESTAMP)));
    builder.addFunctionBindings(
        CelFunctionBinding.from(
            overload,
            List.of(Object.class, Object.class, Object.class),
            args ->
                last
                    ? Operators.withinLast(args[0], args[1], args[2])
                    : Operators.withinNext(args[0], args[1], args[2])));
  }

  /** The value at a dotted path below {@code root}; a list step takes an index. */
  static Object field(Object root, String path) {
    Object at = root;
    int from = 0;
    while (at != null && from <= path.length()) {
      int dot = path.indexOf('.', from);
      String name = dot < 0 ? path.substring(from) : path.substring(from, dot);
      at =
          switch (at) {
            case Map<?, ?> m -> m.get(name);
            case List<?> l -> index(l, name);
            default -> null;
          };
      if (dot < 0) {
        break;
      }
      from = dot + 1;
    }
    return at == null ? NullValue.NULL_VALUE : at;
  }

  private static Object index(List<?> list, String name) {
    try {
      int i = Integer.parseInt(name);
      return i >= 0 && i < list.size() ? list.get(i) : null;
    } catch (NumberFormatException notAnIndex) {
      return null;
    }
  }

  /** The variables of one evaluation. */
  static Map<String, Object> activation(Facts facts) {
    return Map.of(
        "contact", new CelMap(facts.contact()),
        "event", new CelMap(facts.event()),
        "vars", new CelMap(facts.vars()),
        "account", new CelMap(facts.account()),
        "now", facts.now());
  }

  static CelRuntime.Program program(Cel cel, CelValidationResult compiled) {
    try {
      return cel.createProgram(compiled.getAst());
    } catch (Exception e) {
      throw new IllegalStateException("cannot plan a checked expression", e);
    }
  }

  /** One message per issue, with where in the expression it is. */
  static List<String> messages(CelValidationResult result) {
    List<String> messages = new ArrayList<>();
    for (CelIssue issue : result.getErrors()) {
      var at = issue.getSourceLocation();
      String where =
          at == null || at.getLine() <= 0
              ? ""
              : "at " + at.getLine() + ":" + (at.getColumn() + 1) + ": ";
      messages.add(where + issue.getMessage());
    }
    return messages;
  }

  /** A CEL result as a plain value: CEL's null becomes {@code null}. */
  static Object plainResult(Object value) {
    return switch (value) {
      case null -> null;
      case NullValue n -> null;
      case Map<?, ?> m -> {
        Map<String, Object> copy = LinkedHashMap.newLinkedHashMap(m.size());
        m.forEach((k, v) -> copy.put(String.valueOf(k), plainResult(v)));
        yield Collections.unmodifiableMap(copy);
      }
      case List<?> l -> {
        List<Object> copy = new ArrayList<>(l.size());
        l.forEach(v -> copy.add(plainResult(v)));
        yield Collections.unmodifiableList(copy);
      }
      default -> Facts.plain(value);
    };
  }

  private static Object celValue(Object value) {
    return switch (value) {
      case null -> NullValue.NULL_VALUE;
      case Map<?, ?> m -> new CelMap(m);
      case List<?> l -> new CelList(l);
      default -> value;
    };
  }

  /**
   * A map as CEL reads it, without copying: a key held with a null value reads as CEL's {@code
   * null} (a plain Java null would read as an unknown).
   */
  private static final class CelMap extends AbstractMap<String, Object> {
    private final Map<?, ?> map;

    CelMap(Map<?, ?> map) {
      this.map = map;
    }

    @Override
    public Object get(Object key) {
      Object v = map.get(key);
      return v == null ? (map.containsKey(key) ? NullValue.NULL_VALUE : null) : celValue(v);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<? extends Entry<?, ?>> it = map.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Entry<?, ?> e = it.next();
              return new SimpleImmutableEntry<>(String.valueOf(e.getKey()), celValue(e.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return map.size();
        }
      };
    }
  }

  private static final class CelList extends AbstractList<Object> {
    private final List<?> list;

    CelList(List<?> list) {
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return celValue(list.get(index));
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
