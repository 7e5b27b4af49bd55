package dev.automap.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fixture corpora under {@code src/test/resources/maps} (see the README there). */
class MapFixturesTest {
  static final Path MAPS = Path.of("src/test/resources/maps");
  final MapValidator validator = new MapValidator();

  static Stream<Path> files(String dir) {
    try (Stream<Path> list = Files.list(MAPS.resolve(dir))) {
      return list
          .filter(p -> p.toString().matches(".*\\.(json|yaml|yml)$"))
          .sorted()
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<Path> valid() {
    return files("valid");
  }

  static Stream<Path> invalid() {
    return files("invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validMapsParseValidateAndReadBackEqual(Path file) throws IOException {
    MapJson.Parsed parsed = MapJson.parse(Files.readString(file));
    assertThat(parsed.problems()).isEmpty();
    AutomationMap map = parsed.map();
    assertThat(validator.validate(map)).isEmpty();

    MapJson.Parsed again = MapJson.parse(MapJson.write(map));
    assertThat(again.problems()).isEmpty();
    assertThat(again.map()).isEqualTo(map);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidMapsHaveExactlyTheExpectedProblem(Path file) throws IOException {
    ObjectNode doc = (ObjectNode) MapJson.mapper().readTree(Files.readString(file));
    ObjectNode expect = (ObjectNode) doc.remove("expect");
    Problem expected = new Problem(expect.get("path").asText(), expect.get("message").asText());

    MapJson.Parsed parsed = MapJson.parse(MapJson.mapper().writeValueAsString(doc));
    List<Problem> problems = parsed.ok() ? validator.validate(parsed.map()) : parsed.problems();

    assertThat(problems).containsExactly(expected);
  }
}
