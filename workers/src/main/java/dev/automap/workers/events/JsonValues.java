package dev.automap.workers.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON tree as plain Java values, walked once: objects as {@link LinkedHashMap}s in their
 * order, arrays as lists, numbers as the {@link Number} the parser read (int, long, BigInteger,
 * double), the types Jackson's {@code convertValue(node, Map.class)} gives, without writing the
 * tree out to tokens and binding them back.
 */
public final class JsonValues {
  private JsonValues() {}

  /** The object's properties as a map; an empty map for a missing or null node. */
  public static Map<String, Object> object(JsonNode node) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return map;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      map.put(field.getKey(), value(field.getValue()));
    }
    return map;
  }

  /** The node as a plain Java value. */
  public static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return switch (node.getNodeType()) {
      case OBJECT -> object(node);
      case ARRAY -> {
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode item : node) {
          list.add(value(item));
        }
        yield list;
      }
      case STRING -> node.textValue();
      case BOOLEAN -> node.booleanValue();
      case NUMBER -> node.numberValue();
      case BINARY, POJO -> throw new IllegalArgumentException("not parsed JSON: " + node);
      case NULL, MISSING -> null;
    };
  }
}
