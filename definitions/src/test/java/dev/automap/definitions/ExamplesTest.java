package dev.automap.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.validation.MapValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example maps in {@code definitions/examples}: each parses, validates and reads back equal.
 */
class ExamplesTest {

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.sorted().toList().stream();
    }
  }

  @Test
  void thereAreExamples() throws IOException {
    assertThat(examples()).hasSizeGreaterThanOrEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void parsesValidatesAndReadsBackEqual(Path file) throws IOException {
    MapJson.Parsed parsed = MapJson.parse(Files.readString(file));
    assertThat(parsed.problems()).isEmpty();
    assertThat(new MapValidator().validate(parsed.map())).isEmpty();
    assertThat(MapJson.parse(MapJson.write(parsed.map())).map()).isEqualTo(parsed.map());
  }
}
