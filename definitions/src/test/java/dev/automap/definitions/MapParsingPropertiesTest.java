package dev.automap.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import dev.automap.definitions.validation.MapWalker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a user sends, reading and validating a map returns problems and never throws: random
 * documents, valid maps with random damage, garbage text. Each case is built from a seed jqwik
 * draws, so a failure names the seed that reproduces it.
 */
class MapParsingPropertiesTest {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final ObjectMapper YAML = new YAMLMapper();
  static final MapValidator VALIDATOR = new MapValidator();
  static final List<JsonNode> MAPS = load();

  /** Field names, type names and values the format uses, so random documents get deep into it. */
  static final List<String> WORDS;

  static {
    List<String> words =
        new ArrayList<>(
            List.of(
                "key",
                "name",
                "description",
                "timezone",
                "quietHours",
                "triggers",
                "enrollment",
                "start",
                "steps",
                "id",
                "type",
                "next",
                "onError",
                "then",
                "event",
                "where",
                "fromStep",
                "segment",
                "schedule",
                "audience",
                "date",
                "offset",
                "at",
                "repeat",
                "reenroll",
                "exitWhen",
                "exitWhenAudienceUnmet",
                "duration",
                "until",
                "untilField",
                "weekdays",
                "window",
                "days",
                "from",
                "to",
                "ifPast",
                "condition",
                "timeout",
                "onTimeout",
                "branches",
                "when",
                "else",
                "on",
                "cases",
                "value",
                "default",
                "paths",
                "percent",
                "ifUnmet",
                "batchSize",
                "every",
                "automation",
                "wait",
                "cel",
                "input",
                "as",
                "tags",
                "field",
                "op",
                "all",
                "any",
                "not",
                "contact",
                "by",
                "set",
                "clear",
                "subject",
                "body",
                "url",
                "headers",
                "rotate",
                "users",
                "PT1H",
                "-P7D",
                "P0D",
                "P99999999D",
                "09:00",
                "25:61",
                "MON",
                "FUNDAY",
                "UTC",
                "contact",
                "Mars/Base",
                "2030-01-01T00:00:00Z",
                "contact.email",
                "contact.fields.x",
                "event.data.a",
                "vars.v",
                "now",
                "eq",
                "in",
                "exists",
                "within_last",
                "end",
                "continue",
                "yearly",
                "0 9 * * MON",
                "* * * * * * *",
                "{{contact.firstName}}",
                "{{#if}}",
                "",
                " ",
                "a",
                "b"));
    words.addAll(StepTypes.all().values());
    WORDS = List.copyOf(words);
  }

  static List<JsonNode> load() {
    try (Stream<Path> files =
        Stream.concat(
            Files.list(Path.of("src/test/resources/maps/valid")),
            Files.list(Path.of("examples")))) {
      List<JsonNode> maps = new ArrayList<>();
      for (Path p : files.sorted().toList()) {
        String text = Files.readString(p);
        maps.add(
            p.toString().endsWith(".json") ? MapJson.mapper().readTree(text) : YAML.readTree(text));
      }
      return maps;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads, validates, walks and, when it parsed, writes and re-reads the text: nothing throws. */
  static void readAll(String text) {
    MapJson.Parsed parsed = MapJson.parse(text);
    assertThat(parsed.ok() || !parsed.problems().isEmpty()).isTrue();
    // problems speak of the map, never of the Java classes that read it
    assertThat(parsed.problems())
        .allSatisfy(p -> assertThat(p.message()).doesNotContain("dev.automap", "java."));
    if (!parsed.ok()) {
      return;
    }
    List<Problem> problems = VALIDATOR.validate(parsed.map());
    assertThat(problems).doesNotContainNull();
    MapWalker.templates(parsed.map());
    MapWalker.celExpressions(parsed.map());
    parsed
        .map()
        .steps()
        .forEach(
            s -> {
              if (s != null) {
                s.successors();
                s.mayWait();
              }
            });
    MapJson.Parsed again = MapJson.parse(MapJson.write(parsed.map()));
    assertThat(again.problems()).isEmpty();
    assertThat(again.map()).isEqualTo(parsed.map());
  }

  @Property(tries = 1000)
  void randomDocumentsOnlyYieldProblems(@ForAll long seed, @ForAll boolean yaml)
      throws IOException {
    Random random = new Random(seed);
    ObjectNode doc = NODES.objectNode();
    doc.put("key", "k");
    doc.put("start", word(random));
    ArrayNode steps = doc.putArray("steps");
    for (int i = random.nextInt(6); i > 0; i--) {
      ObjectNode step = steps.addObject();
      step.put("id", word(random));
      step.put(
          "type",
          StepTypes.all().values().stream()
              .skip(random.nextInt(StepTypes.all().size()))
              .findFirst()
              .orElseThrow());
      for (int f = random.nextInt(5); f > 0; f--) {
        step.set(word(random), value(random, 3));
      }
    }
    for (int f = random.nextInt(4); f > 0; f--) {
      doc.set(word(random), value(random, 4));
    }
    readAll(yaml ? YAML.writeValueAsString(doc) : MapJson.mapper().writeValueAsString(doc));
  }

  @Provide
  Arbitrary<Integer> maps() {
    return Arbitraries.integers().between(0, MAPS.size() - 1);
  }

  @Property(tries = 1500)
  void damagedMapsOnlyYieldProblems(
      @ForAll("maps") int which,
      @ForAll @IntRange(min = 1, max = 6) int damage,
      @ForAll long seed,
      @ForAll boolean yaml)
      throws IOException {
    Random random = new Random(seed);
    JsonNode doc = MAPS.get(which).deepCopy();
    for (int i = 0; i < damage; i++) {
      doc = damage(doc, random);
    }
    readAll(yaml ? YAML.writeValueAsString(doc) : MapJson.mapper().writeValueAsString(doc));
  }

  @Property(tries = 500)
  void garbageTextOnlyYieldsProblems(@ForAll("maps") int which, @ForAll long seed)
      throws IOException {
    Random random = new Random(seed);
    String text = MapJson.mapper().writeValueAsString(MAPS.get(which));
    StringBuilder sb = new StringBuilder(text);
    for (int i = random.nextInt(5) + 1; i > 0 && !sb.isEmpty(); i--) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(4)) {
        case 0 -> sb.setLength(at); // truncated
        case 1 -> sb.deleteCharAt(at);
        case 2 -> sb.insert(at, "{[\":,}]'&*!-#\n\t\\".charAt(random.nextInt(16)));
        default -> sb.insert(at, (char) random.nextInt(0x3000));
      }
    }
    readAll(random.nextBoolean() ? sb.toString() : YAML.writeValueAsString(MAPS.get(which)) + sb);
  }

  // ---- building blocks

  static String word(Random random) {
    return WORDS.get(random.nextInt(WORDS.size()));
  }

  static JsonNode value(Random random, int depth) {
    int kind = random.nextInt(depth <= 0 ? 7 : 10);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt(201) - 100);
      case 3 -> NODES.numberNode(random.nextLong());
      case 4 -> NODES.numberNode(random.nextDouble() * 1e300);
      case 5 -> NODES.textNode(randomText(random));
      case 6 -> NODES.textNode(word(random));
      case 7 -> {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(value(random, depth - 1));
        }
        yield a;
      }
      case 8 -> deep(random);
      default -> {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set(word(random), value(random, depth - 1));
        }
        yield o;
      }
    };
  }

  static String randomText(Random random) {
    int length = random.nextInt(10) == 0 ? 5_000 : random.nextInt(20);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0xD7FF)));
    }
    return sb.toString();
  }

  /** Conditions or lists nested around and beyond the limits. */
  static JsonNode deep(Random random) {
    int levels = random.nextInt(150);
    JsonNode node = NODES.objectNode().put("cel", "true");
    for (int i = 0; i < levels; i++) {
      node =
          random.nextBoolean()
              ? NODES.objectNode().set("not", node)
              : NODES
                  .objectNode()
                  .set(random.nextBoolean() ? "all" : "any", NODES.arrayNode().add(node));
    }
    return node;
  }

  static JsonNode damage(JsonNode doc, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(doc, containers, 0);
    if (containers.isEmpty()) {
      return value(random, 2);
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    switch (target) {
      case ObjectNode o when !o.isEmpty() -> {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        switch (random.nextInt(6)) {
          case 0 -> o.remove(name);
          case 1 -> o.set(name, value(random, 3));
          case 2 -> o.set(word(random), o.remove(name));
          case 3 -> o.putNull(name);
          case 4 -> o.put(name, word(random));
          default -> o.set(name, deep(random));
        }
      }
      case ArrayNode a when !a.isEmpty() -> {
        int i = random.nextInt(a.size());
        switch (random.nextInt(4)) {
          case 0 -> a.remove(i);
          case 1 -> a.add(a.get(i).deepCopy());
          case 2 -> a.set(i, value(random, 2));
          default -> a.insert(i, NODES.nullNode());
        }
      }
      default -> {
        return random.nextBoolean() ? doc : value(random, 2);
      }
    }
    return doc;
  }

  static void collect(JsonNode node, List<JsonNode> out, int depth) {
    if (!node.isContainerNode() || depth > 40) {
      return;
    }
    out.add(node);
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collect(it.next(), out, depth + 1);
    }
  }
}
