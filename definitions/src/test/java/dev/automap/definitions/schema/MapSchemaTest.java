package dev.automap.definitions.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.StepTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MapSchemaTest {
  static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(MapSchema.json(), InputFormat.JSON);

  static Stream<Path> maps() throws IOException {
    try (Stream<Path> valid = Files.list(Path.of("src/test/resources/maps/valid"));
        Stream<Path> examples = Files.list(Path.of("examples"))) {
      return Stream.concat(valid.toList().stream(), examples.toList().stream())
          .filter(p -> p.toString().matches(".*\\.(json|yaml|yml)$"))
          .sorted();
    }
  }

  static JsonNode read(Path file) {
    try {
      String text = Files.readString(file);
      return file.toString().endsWith(".json")
          ? MapJson.mapper().readTree(text)
          : new YAMLMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Error> errors(JsonNode doc) {
    return SCHEMA.validate(doc);
  }

  @Test
  void isADraft202012SchemaWithEveryStepType() {
    JsonNode schema = MapSchema.tree();
    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.at("/$defs/Step/oneOf")).hasSize(StepTypes.all().size());
    assertThat(schema.at("/$defs/SendEmailStep/properties/type/const").asText())
        .isEqualTo("send_email");
    assertThat(schema.at("/$defs/SetVarStep/properties/name/description").asText())
        .isEqualTo("name of the variable");
    assertThat(schema.at("/$defs/EnrollStep/properties/wait/type").asText()).isEqualTo("boolean");
    assertThat(schema.at("/$defs/Weekday/enum").toString())
        .isEqualTo("[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]");
    assertThat(schema.at("/$defs/Op/enum").toString()).contains("\"not_in\"", "\"within_last\"");
    assertThat(schema.at("/description").asText()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maps")
  void everyValidMapPasses(Path file) {
    JsonNode doc = read(file);
    assertThat(errors(doc)).isEmpty();
    // and so does the map as the engine writes it back
    assertThat(errors(MapJson.tree(MapJson.parse(MapJson.write(doc)).map()))).isEmpty();
  }

  static ObjectNode minimal() {
    try {
      return (ObjectNode)
          MapJson.mapper()
              .readTree(
                  """
          {"key": "k", "start": "w", "steps": [
            {"id": "w", "type": "wait", "duration": "PT1H", "next": "e"},
            {"id": "e", "type": "end"}]}""");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theMinimalMapPasses() {
    assertThat(errors(minimal())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "/steps/0/type=\"teleport\"",
        "/steps/0/id=null",
        "/steps/0/durration=\"PT1H\"",
        "/steps/0/duration=\"1 hour\"",
        "/steps/0/duration=3600",
        "/steps/1/type=null",
        "/steps/0/weekdays=[\"MONDAY\"]",
        "/steps/0/at=\"9am\"",
        "/key=null",
        "/start=7",
        "/triggers=[{\"when\": \"now\"}]",
        "/triggers=[{\"event\": \"a.b\", \"segment\": {\"cel\": \"true\"}}]",
        "/triggers=[{\"event\": \"a.b\", \"where\": {\"field\": \"contact.email\"}}]",
        "/enrollment={\"reenroll\": \"always\"}",
        "/owner=\"me\"",
      })
  void typicalMistakesFail(String change) throws IOException {
    ObjectNode doc = minimal();
    int eq = change.indexOf('=');
    String pointer = change.substring(0, eq);
    JsonNode value = MapJson.mapper().readTree(change.substring(eq + 1));
    ObjectNode parent = (ObjectNode) doc.at(pointer.substring(0, pointer.lastIndexOf('/')));
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (value.isNull()) {
      parent.remove(field);
    } else {
      parent.set(field, value);
    }
    assertThat(errors(doc)).isNotEmpty();
  }
}
