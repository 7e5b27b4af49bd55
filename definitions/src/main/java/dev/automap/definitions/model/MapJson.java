package dev.automap.definitions.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.problems.Problem;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads and writes maps. One JSON convention for the whole engine: this mapper also carries
 * workflow payloads, so a map reads the same in the API, in history and in tests.
 *
 * <p>Maps come from users, so reading is bounded: a document is at most {@link #MAX_DOCUMENT_CHARS}
 * characters, nests at most {@link #MAX_DEPTH} levels, and no string in it is longer than {@link
 * #MAX_STRING_CHARS}.
 */
public final class MapJson {
  public static final int MAX_DOCUMENT_CHARS = 2_000_000;
  public static final int MAX_DEPTH = 100;
  public static final int MAX_STRING_CHARS = 100_000;

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxDocumentLength(MAX_DOCUMENT_CHARS)
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_STRING_CHARS)
          .maxNameLength(1_000)
          .maxNumberLength(100)
          .maxTokenCount(500_000)
          .build();

  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML = configure(new ObjectMapper(yamlFactory()));

  private MapJson() {}

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_DOCUMENT_CHARS);
    options.setNestingDepthLimit(MAX_DEPTH);
    // aliases can expand a small document into a huge one
    options.setMaxAliasesForCollections(20);
    options.setAllowDuplicateKeys(false);
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(LIMITS).build();
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    mapper.getFactory().setStreamReadConstraints(LIMITS);
    return mapper
        .registerModule(new JavaTimeModule())
        .registerModule(IsoText.module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
  }

  /** The engine's JSON mapper. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** The outcome of reading a document: a map, or the problems that kept it from parsing. */
  public record Parsed(AutomationMap map, List<Problem> problems) {
    public boolean ok() {
      return map != null;
    }
  }

  /** Reads a map from JSON, or from YAML when the text does not start like JSON. Never throws. */
  public static Parsed parse(String text) {
    if (text == null || text.isBlank()) {
      return failed(new Problem("", "the document is empty"));
    }
    if (text.length() > MAX_DOCUMENT_CHARS) {
      return failed(
          new Problem("", "the document is longer than " + MAX_DOCUMENT_CHARS + " characters"));
    }
    ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
    try {
      JsonNode tree = mapper.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return failed(new Problem("", "the document is not a map"));
      }
      // null means absent, as in what write() produces: a map reads back the same once written
      AutomationMap map = JSON.treeToValue(withoutNulls(tree), AutomationMap.class);
      if (map == null) {
        return failed(new Problem("", "the document is not a map"));
      }
      return new Parsed(map, List.of());
    } catch (JsonProcessingException e) {
      return failed(problemOf(e));
    } catch (RuntimeException | StackOverflowError e) {
      // the YAML reader reports some limits as its own runtime exceptions
      return failed(
          new Problem(
              "", "not valid JSON or YAML: " + JsonErrors.scrub(String.valueOf(e.getMessage()))));
    }
  }

  private static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(e -> e.getValue().isNull());
      object.forEach(MapJson::withoutNulls);
    } else if (node instanceof ArrayNode array) {
      array.forEach(MapJson::withoutNulls);
    }
    return node;
  }

  private static Parsed failed(Problem problem) {
    return new Parsed(null, List.of(problem));
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** The map as a JSON tree, in the same shape as {@link #write}. */
  public static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  private static Problem problemOf(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return new Problem("", JsonErrors.plain(e));
    }
    if (!(e instanceof JsonMappingException m)) {
      var loc = e.getLocation();
      String where =
          loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return new Problem("", "not valid JSON or YAML" + where + ": " + JsonErrors.plain(e));
    }
    String path = pointer(m.getPath());
    return switch (m) {
      case UnrecognizedPropertyException u ->
          new Problem(path, "unknown field \"" + u.getPropertyName() + "\"");
      case InvalidTypeIdException t
          when t.getBaseType() != null && !t.getBaseType().isTypeOrSubTypeOf(Step.class) ->
          new Problem(path, shapeOf(t.getBaseType().getRawClass()));
      case InvalidTypeIdException t when t.getTypeId() == null ->
          new Problem(path, "missing \"type\"");
      case InvalidTypeIdException t ->
          new Problem(path + "/type", "unknown type \"" + t.getTypeId() + "\"");
      case InvalidFormatException f ->
          new Problem(path, invalidValue(f.getValue(), f.getTargetType()));
      case MismatchedInputException i
          when i.getTargetType() != null && isDeduced(i.getTargetType()) ->
          new Problem(path, shapeOf(i.getTargetType()));
      case MismatchedInputException i when i.getTargetType() != null ->
          new Problem(path, "expected " + kindOf(i.getTargetType()));
      case ValueInstantiationException v when v.getCause() instanceof IllegalArgumentException a ->
          new Problem(path, firstLine(a.getMessage()));
      case ValueInstantiationException v when v.getCause() instanceof NullPointerException ->
          new Problem(path, "a list here cannot hold null");
      default -> {
        if (m.getCause() instanceof StreamConstraintsException c) {
          yield new Problem(path, JsonErrors.plain(c));
        }
        String message = firstLine(m.getOriginalMessage());
        // Jackson's own words name Java classes; a map's author knows none of them
        yield new Problem(path, message.contains("`") ? "not a valid value here" : message);
      }
    };
  }

  private static boolean isDeduced(Class<?> type) {
    return type == Condition.class || type == Trigger.class;
  }

  private static String shapeOf(Class<?> type) {
    if (Condition.class.isAssignableFrom(type)) {
      return "not a condition: use {field, op, value}, {all: [..]}, {any: [..]}, {not: ..} or {cel: ..}";
    }
    if (Trigger.class.isAssignableFrom(type)) {
      return "a trigger has one of event, segment, schedule or date";
    }
    return "expected " + kindOf(type);
  }

  private static String invalidValue(Object value, Class<?> type) {
    String shown = value instanceof String s ? "\"" + abbreviate(s) + "\"" : String.valueOf(value);
    if (type == Duration.class) {
      return "not an ISO-8601 duration (PT30M, P2D): " + shown;
    }
    if (type == Instant.class) {
      return "not an ISO-8601 instant (2025-01-31T09:00:00Z): " + shown;
    }
    if (type == LocalTime.class) {
      return "not a time of day (HH:mm): " + shown;
    }
    if (type != null && type.isEnum()) {
      return shown + " is not one of " + String.join(", ", names(type));
    }
    return "not " + kindOf(type) + ": " + shown;
  }

  private static String kindOf(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "a whole number";
    }
    if (type == BigDecimal.class || type == Double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant";
    }
    if (type == LocalTime.class) {
      return "a time of day (HH:mm)";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (type.isEnum()) {
      return "one of " + String.join(", ", names(type));
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
      return "an object";
    }
    return "a valid value";
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static String pointer(List<JsonMappingException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (var ref : refs) {
      if (ref.getFieldName() != null) {
        sb.append('/').append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (ref.getIndex() >= 0) {
        sb.append('/').append(ref.getIndex());
      }
    }
    return sb.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid value";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() <= 300 ? line : line.substring(0, 297) + "...";
  }

  private static List<String> names(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      out.add(JSON.convertValue(constant, String.class));
    }
    return out;
  }
}
