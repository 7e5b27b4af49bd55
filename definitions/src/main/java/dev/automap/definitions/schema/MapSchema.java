package dev.automap.definitions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.automap.definitions.conditions.AllOf;
import dev.automap.definitions.conditions.AnyOf;
import dev.automap.definitions.conditions.CelCondition;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Not;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Branch;
import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.EventTrigger;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.OnError;
import dev.automap.definitions.model.QuietHours;
import dev.automap.definitions.model.ScheduleTrigger;
import dev.automap.definitions.model.SegmentTrigger;
import dev.automap.definitions.model.SplitPath;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.model.SwitchCase;
import dev.automap.definitions.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Schema (draft 2020-12) of the map format, generated from the model's types and their
 * descriptions. It says what a map looks like; {@code MapValidator} says whether it makes sense
 * (ids that exist, loops, percents), so a map can pass the schema and still have problems.
 */
public final class MapSchema {
  private static final String ID = "https://automap.dev/schema/automation.json";

  /** The fields that decide what an object is, and the few every valid map has. */
  private static final Map<Class<?>, Set<String>> REQUIRED =
      Map.ofEntries(
          Map.entry(AutomationMap.class, Set.of("key", "start", "steps")),
          Map.entry(EventTrigger.class, Set.of("event")),
          Map.entry(SegmentTrigger.class, Set.of("segment")),
          Map.entry(ScheduleTrigger.class, Set.of("schedule")),
          Map.entry(DateTrigger.class, Set.of("date")),
          Map.entry(EventMatch.class, Set.of("event")),
          Map.entry(FieldCondition.class, Set.of("field", "op")),
          Map.entry(AllOf.class, Set.of("all")),
          Map.entry(AnyOf.class, Set.of("any")),
          Map.entry(Not.class, Set.of("not")),
          Map.entry(CelCondition.class, Set.of("cel")),
          Map.entry(QuietHours.class, Set.of("from", "to")),
          Map.entry(Window.class, Set.of("from", "to")),
          Map.entry(OnError.class, Set.of("then")),
          Map.entry(Branch.class, Set.of("when")),
          Map.entry(SplitPath.class, Set.of("percent")),
          Map.entry(SwitchCase.class, Set.of("value")));

  private static final String SCHEMA = generate();

  private MapSchema() {}

  /** The schema as JSON text. */
  public static String json() {
    return SCHEMA;
  }

  /** The schema as a tree (a copy: callers may change it). */
  public static JsonNode tree() {
    try {
      return MapJson.mapper().readTree(SCHEMA);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String generate() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(
                MapJson.mapper(), SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(
                new JacksonModule(
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                    JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY,
                    JacksonOption.RESPECT_JSONPROPERTY_ORDER))
            .with(
                Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.DEFINITIONS_FOR_ALL_OBJECTS,
                Option.PLAIN_DEFINITION_KEYS,
                Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .without(
                Option.NONSTATIC_NONVOID_NONGETTER_METHODS,
                Option.VOID_METHODS,
                Option.GETTER_METHODS,
                Option.FIELDS_DERIVED_FROM_ARGUMENTFREE_METHODS);
    config.forFields().withRequiredCheck(MapSchema::required);
    config
        .forTypesInGeneral()
        .withCustomDefinitionProvider(
            (type, context) -> {
              Class<?> raw = type.getErasedType();
              ObjectNode node = context.getGeneratorConfig().createObjectNode();
              if (raw == Duration.class) {
                node.put("type", "string")
                    .put("pattern", "^-?P(?!$)(\\d+D)?(T(?!$)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$")
                    .put(
                        "description",
                        "ISO-8601 duration in days, hours, minutes, seconds, e.g. PT30M, P2D");
              } else if (raw == Instant.class) {
                node.put("type", "string").put("format", "date-time");
              } else if (raw == LocalTime.class) {
                node.put("type", "string")
                    .put("pattern", "^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?$")
                    .put("description", "local time of day, HH:mm");
              } else if (raw == JsonNode.class) {
                return new CustomDefinition(
                    node,
                    CustomDefinition.DefinitionType.INLINE,
                    CustomDefinition.AttributeInclusion.NO);
              } else if (raw == Match.class) {
                ArrayNode anyOf = node.putArray("anyOf");
                anyOf.add(
                    context.createDefinitionReference(
                        context.getTypeContext().resolve(EventMatch.class)));
                anyOf.add(
                    context.createDefinitionReference(
                        context.getTypeContext().resolve(Condition.class)));
                node.put("description", "an event match (has \"event\") or a condition");
                return new CustomDefinition(
                    node,
                    CustomDefinition.DefinitionType.STANDARD,
                    CustomDefinition.AttributeInclusion.NO);
              } else {
                return null;
              }
              return new CustomDefinition(
                  node,
                  CustomDefinition.DefinitionType.INLINE,
                  CustomDefinition.AttributeInclusion.NO);
            });
    ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(AutomationMap.class);
    schema.put("$id", ID);
    schema.put("title", "automation map");
    stepsAsOneOf(schema);
    return MapJson.write(schema);
  }

  private static boolean required(FieldScope field) {
    Class<?> owner = field.getDeclaringType().getErasedType();
    if (Step.class.isAssignableFrom(owner)) {
      return field.getName().equals("id");
    }
    Set<String> names = REQUIRED.get(owner);
    return names != null && names.contains(field.getName());
  }

  /**
   * Gives each step type its {@code type} constant and gathers the step and trigger forms under
   * {@code Step} and {@code Trigger} as a oneOf: each form excludes the others (by its type
   * constant, or by its required field and no additional properties).
   */
  private static void stepsAsOneOf(ObjectNode schema) {
    ObjectNode defs = (ObjectNode) schema.get("$defs");
    ArrayNode steps =
        defs.putObject("Step")
            .put("description", "one step; \"type\" says which")
            .putArray("oneOf");
    StepTypes.all()
        .forEach(
            (type, name) -> {
              ObjectNode def = (ObjectNode) defs.get(type.getSimpleName());
              // rebuilt so that "type" comes first, as in a written map
              ObjectNode properties = schema.objectNode();
              properties.putObject("type").put("const", name);
              properties.setAll((ObjectNode) def.get("properties"));
              def.set("properties", properties);
              def.withArray("required").insert(0, "type");
              steps.addObject().put("$ref", "#/$defs/" + type.getSimpleName());
            });
    ObjectNode properties = (ObjectNode) schema.get("properties");
    ((ObjectNode) properties.get("steps")).putObject("items").put("$ref", "#/$defs/Step");
    ObjectNode triggers = (ObjectNode) properties.get("triggers");
    JsonNode forms = triggers.get("items").get("anyOf");
    defs.putObject("Trigger")
        .put("description", "one trigger; its event, segment, schedule or date field says which")
        .set("oneOf", forms);
    triggers.putObject("items").put("$ref", "#/$defs/Trigger");
  }
}
