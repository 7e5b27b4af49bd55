package dev.automap.definitions.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;

/**
 * Reads and writes maps. One JSON convention for the whole engine: this mapper also carries
 * workflow payloads, so a map reads the same in the API, in history and in tests.
 */
public final class MapJson {
  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));

  private MapJson() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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

  /** Reads a map from JSON, or from YAML when the text does not start like JSON. */
  public static Parsed parse(String text) {
    if (text == null || text.isBlank()) {
      return new Parsed(null, List.of(new Problem("", "the document is empty")));
    }
    ObjectMapper mapper = text.stripLeading().startsWith("{") ? JSON : YAML;
    try {
      AutomationMap map = mapper.readValue(text, AutomationMap.class);
      if (map == null) {
        return new Parsed(null, List.of(new Problem("", "the document is not a map")));
      }
      return new Parsed(map, List.of());
    } catch (JsonProcessingException e) {
      return new Parsed(null, List.of(problemOf(e)));
    }
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private static Problem problemOf(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException m)) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return new Problem("", "not valid JSON or YAML" + where + ": " + e.getOriginalMessage());
    }
    String path = pointer(m.getPath());
    if (m instanceof UnrecognizedPropertyException u) {
      return new Problem(path, "unknown field \"" + u.getPropertyName() + "\"");
    }
    if (m instanceof InvalidTypeIdException t) {
      return t.getTypeId() == null
          ? new Problem(path, "missing \"type\"")
          : new Problem(path + "/type", "unknown type \"" + t.getTypeId() + "\"");
    }
    return new Problem(path, firstLine(m.getOriginalMessage()));
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
    return nl < 0 ? message : message.substring(0, nl);
  }
}
