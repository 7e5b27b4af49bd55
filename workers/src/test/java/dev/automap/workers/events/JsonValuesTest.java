package dev.automap.workers.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.model.MapJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
  @Test
  void aParsedObjectBecomesTheValuesJacksonWouldBindItTo() throws Exception {
    JsonNode tree =
        MapJson.mapper()
            .readTree(
                """
                {"s": "Zoë 🚀", "i": 3, "neg": -7, "l": 9007199254740993,
                 "big": 123456789012345678901234567890, "d": 0.25, "e": -1.5e-7, "t": true,
                 "f": false, "n": null, "o": {"list": [1, "two", {"x": [3.0, null]}], "empty": {}},
                 "a": []}""");

    Map<String, Object> values = JsonValues.object(tree);

    assertThat(values).isEqualTo(MapJson.mapper().convertValue(tree, Map.class));
    assertThat(values.get("i")).isInstanceOf(Integer.class);
    assertThat(values.get("l")).isEqualTo(9007199254740993L);
    assertThat(values.get("big")).isInstanceOf(java.math.BigInteger.class);
    assertThat(values.get("d")).isEqualTo(0.25);
    assertThat(values).containsKey("n").containsEntry("n", null);
    assertThat(values.keySet())
        .containsExactly("s", "i", "neg", "l", "big", "d", "e", "t", "f", "n", "o", "a");
  }

  @Test
  void noObjectIsAnEmptyMap() {
    assertThat(JsonValues.object(null)).isEmpty();
    assertThat(JsonValues.object(MapJson.mapper().nullNode())).isEmpty();
  }
}
