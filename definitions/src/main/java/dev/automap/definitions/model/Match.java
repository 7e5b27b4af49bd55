package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import java.io.IOException;

/**
 * What a goal or an exit waits for: an event ({@code { "event": … }}) or a condition on the data
 * (any other object). Written in the map as the bare event match or condition.
 */
@JsonDeserialize(using = Match.Reader.class)
public sealed interface Match {

  /** Met when such an event arrives. */
  record OnEvent(@JsonValue EventMatch event) implements Match {}

  /** Met when the condition holds. */
  record OnCondition(@JsonValue Condition condition) implements Match {}

  static Match of(EventMatch event) {
    return new OnEvent(event);
  }

  static Match of(Condition condition) {
    return new OnCondition(condition);
  }

  /**
   * Reads an event match when the object has {@code event} (or its other fields), else a condition.
   */
  final class Reader extends StdDeserializer<Match> {
    public Reader() {
      super(Match.class);
    }

    @Override
    public Match deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        return (Match) ctxt.handleUnexpectedToken(Match.class, p);
      }
      JsonNode node = ctxt.readTree(p);
      try (JsonParser inner = p.getCodec().treeAsTokens(node)) {
        inner.nextToken();
        return node.has("event") || node.has("where") || node.has("fromStep")
            ? new OnEvent(ctxt.readValue(inner, EventMatch.class))
            : new OnCondition(ctxt.readValue(inner, Condition.class));
      }
    }
  }
}
