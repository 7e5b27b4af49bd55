package dev.automap.definitions.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Writes a structured condition as the CEL expression it means. */
final class CelWriter {
  private CelWriter() {}

  static String write(Condition condition) {
    StringBuilder out = new StringBuilder();
    write(condition, out);
    return out.toString();
  }

  private static void write(Condition condition, StringBuilder out) {
    switch (condition) {
      case FieldCondition f -> field(f, out);
      case AllOf a -> join(a.all(), " && ", "true", out);
      case AnyOf a -> join(a.any(), " || ", "false", out);
      case Not n -> {
        out.append("!(");
        write(n.not(), out);
        out.append(')');
      }
      case CelCondition c -> out.append('(').append(c.cel()).append(')');
    }
  }

  private static void join(
      java.util.List<Condition> parts, String operator, String empty, StringBuilder out) {
    if (parts.isEmpty()) {
      out.append(empty);
      return;
    }
    if (parts.size() == 1) {
      write(parts.getFirst(), out);
      return;
    }
    out.append('(');
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        out.append(operator);
      }
      write(parts.get(i), out);
    }
    out.append(')');
  }

  private static void field(FieldCondition f, StringBuilder out) {
    out.append("op_").append(f.op().id()).append('(');
    target(f.field(), out);
    if (!f.op().unary()) {
      out.append(", ");
      boolean dateOp = f.op() == Op.BEFORE || f.op() == Op.AFTER;
      if (dateOp && f.value() != null && "now".equals(f.value().textValue())) {
        out.append("now");
      } else {
        literal(f.value(), out);
      }
      if (f.op() == Op.WITHIN_LAST || f.op() == Op.WITHIN_NEXT) {
        out.append(", now");
      }
    }
    out.append(')');
  }

  /** {@code now}, a root alone, or {@code field(root, "rest.of.path")}. */
  static void target(String path, StringBuilder out) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      out.append(path);
      return;
    }
    out.append("field(").append(path, 0, dot).append(", ");
    string(path.substring(dot + 1), out);
    out.append(')');
  }

  static void literal(JsonNode value, StringBuilder out) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      out.append("null");
    } else if (value.isTextual()) {
      string(value.textValue(), out);
    } else if (value.isBoolean()) {
      out.append(value.booleanValue());
    } else if (value.isIntegralNumber() && value.canConvertToLong()) {
      out.append(value.longValue());
    } else if (value.isNumber()) {
      double d = value.doubleValue();
      String s = Double.toString(d);
      out.append(s.contains(".") || s.contains("E") ? s : s + ".0");
    } else if (value.isArray()) {
      out.append('[');
      for (int i = 0; i < value.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        literal(value.get(i), out);
      }
      out.append(']');
    } else if (value.isObject()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : value.properties()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        string(e.getKey(), out);
        out.append(": ");
        literal(e.getValue(), out);
      }
      out.append('}');
    } else {
      string(value.asText(), out);
    }
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
