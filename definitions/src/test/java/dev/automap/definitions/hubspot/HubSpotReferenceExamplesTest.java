package dev.automap.definitions.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.Problem;
import dev.automap.definitions.validation.MapValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Path dir = Path.of(HubSpotReferenceExamplesTest.class.getResource("/hubspot/reference").toURI());
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
      assertThat(flow.at(warning.path()).isMissingNode()).as("%s points into the flow", warning).isFalse();
    }
    assertThat(MapJson.parse(MapJson.write(imported.map())).map()).isEqualTo(imported.map());
  }
}
