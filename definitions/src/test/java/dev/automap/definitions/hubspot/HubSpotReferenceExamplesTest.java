package dev.automap.definitions.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example of HubSpot's v4 action and enrollment reference (in {@code hubspot/reference/},
 * each wrapped in a flow as it is) imports to a valid map, and every warning points into the
 * HubSpot document.
 */
class HubSpotReferenceExamplesTest {
  static Stream<Path> examples() throws IOException, URISyntaxException {
    Path dir =
        Path.of(HubSpotReferenceExamplesTest.class.getResource("/hubspot/reference").toURI());
    return Files.list(dir).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void importsToAValidMap(Path example) throws IOException {
    JsonNode flow = MapJson.mapper().readTree(Files.readString(example));

    HubSpotImporter.Imported imported = new HubSpotImporter().importFlow(flow);

    assertThat(imported.ok()).isTrue();
    assertThat(new MapValidator().validate(imported.map())).isEmpty();
    for (Problem warning : imported.warnings()) {
      assertThat(flow.at(warning.path()).isMissingNode())
          .as("%s points into the flow", warning)
          .isFalse();
    }
    assertThat(MapJson.parse(MapJson.write(imported.map())).map()).isEqualTo(imported.map());
  }

  /**
   * Each value of the example in turn replaced by null, a number, text, a list, an object: never an
   * exception.
   */
  @ParameterizedTest
  @MethodSource("examples")
  void neverThrowsWhateverAValueIsReplacedBy(Path example) throws IOException {
    JsonNode flow = MapJson.mapper().readTree(Files.readString(example));
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<JsonNode> odd =
        List.of(
            f.nullNode(), f.numberNode(-1), f.textNode("x"), f.arrayNode().add(1), f.objectNode());
    for (String path : pointers(flow, "")) {
      for (JsonNode value : odd) {
        JsonNode mutated = flow.deepCopy();
        replace(mutated, path, value);
        HubSpotImporter.Imported imported = new HubSpotImporter().importFlow(mutated);
        assertThat(imported.ok()).as("%s = %s", path, value).isTrue();
      }
    }
  }

  static List<String> pointers(JsonNode node, String at) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                out.add(at + "/" + e.getKey());
                out.addAll(pointers(e.getValue(), at + "/" + e.getKey()));
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(at + "/" + i);
        out.addAll(pointers(node.get(i), at + "/" + i));
      }
    }
    return out;
  }

  static void replace(JsonNode root, String pointer, JsonNode value) {
    int cut = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, cut));
    String last = pointer.substring(cut + 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
    }
  }
}
