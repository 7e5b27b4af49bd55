package dev.automap.definitions.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HubSpot list filters as conditions: each operator's written form, and what it means for a
 * contact.
 */
class HubSpotFiltersTest {
  static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  final Warnings warnings = new Warnings();
  final HubSpotFilters filters = new HubSpotFilters(warnings);
  final ConditionEvaluator evaluator = ConditionEvaluator.shared();

  static JsonNode json(String text) {
    try {
      return MapJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  Condition filter(String property, String operation) {
    Condition c =
        filters.filter(
            json(
                """
        {"filterType": "PROPERTY", "property": "%s", "operation": %s}"""
                    .formatted(property, operation)),
            "/f",
            HubSpotFilters.Scope.CONTACT);
    assertThat(evaluator.check(c)).as("checks").isEmpty();
    return c;
  }

  static String written(Condition c) {
    return MapJson.write(c);
  }

  boolean holds(Condition c, Map<String, Object> fields) {
    return evaluator.test(
        c, Facts.at(NOW).withContact(Map.of("email", "ada@example.com", "fields", fields)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      IS_EQUAL_TO         | "values": ["Dublin"]          | {"field":"contact.fields.city","op":"eq","value":"Dublin"}
      IS_EQUAL_TO         | "values": ["Dublin", "Cork"]  | {"field":"contact.fields.city","op":"in","value":["Dublin","Cork"]}
      IS_EQUAL_TO         | "value": "Dublin"             | {"field":"contact.fields.city","op":"eq","value":"Dublin"}
      IS_NOT_EQUAL_TO     | "values": ["Dublin"]          | {"field":"contact.fields.city","op":"ne","value":"Dublin"}
      IS_NOT_EQUAL_TO     | "values": ["Dublin", "Cork"]  | {"field":"contact.fields.city","op":"not_in","value":["Dublin","Cork"]}
      IS_ANY_OF           | "values": ["Dublin", "Cork"]  | {"field":"contact.fields.city","op":"in","value":["Dublin","Cork"]}
      IS_NONE_OF          | "values": ["Dublin", "Cork"]  | {"field":"contact.fields.city","op":"not_in","value":["Dublin","Cork"]}
      IS_EXACTLY          | "values": ["Dublin"]          | {"field":"contact.fields.city","op":"eq","value":"Dublin"}
      IS_NOT_EXACTLY      | "values": ["Dublin"]          | {"field":"contact.fields.city","op":"ne","value":"Dublin"}
      CONTAINS            | "values": ["ub"]              | {"field":"contact.fields.city","op":"contains","value":"ub"}
      CONTAINS            | "values": ["ub", "or"]        | {"any":[{"field":"contact.fields.city","op":"contains","value":"ub"},{"field":"contact.fields.city","op":"contains","value":"or"}]}
      DOES_NOT_CONTAIN    | "values": ["ub", "or"]        | {"all":[{"field":"contact.fields.city","op":"not_contains","value":"ub"},{"field":"contact.fields.city","op":"not_contains","value":"or"}]}
      STARTS_WITH         | "values": ["Dub"]             | {"field":"contact.fields.city","op":"starts_with","value":"Dub"}
      ENDS_WITH           | "value": "lin"                | {"field":"contact.fields.city","op":"ends_with","value":"lin"}
      CONTAINS_ALL        | "values": ["a", "b"]          | {"field":"contact.fields.city","op":"contains","value":["a","b"]}
      DOES_NOT_CONTAIN_ALL| "values": ["a", "b"]          | {"not":{"field":"contact.fields.city","op":"contains","value":["a","b"]}}
      IS_GREATER_THAN     | "value": "10"                 | {"field":"contact.fields.city","op":"gt","value":10}
      IS_GREATER_THAN_OR_EQUAL_TO | "value": 10           | {"field":"contact.fields.city","op":"gte","value":10}
      IS_LESS_THAN        | "value": 10                   | {"field":"contact.fields.city","op":"lt","value":10}
      IS_LESS_THAN_OR_EQUAL_TO | "value": 10.5            | {"field":"contact.fields.city","op":"lte","value":10.5}
      IS_BETWEEN          | "lowerBound": 1, "upperBound": 5 | {"all":[{"field":"contact.fields.city","op":"gte","value":1},{"field":"contact.fields.city","op":"lte","value":5}]}
      IS_NOT_BETWEEN      | "lowerBound": 1, "upperBound": 5 | {"not":{"all":[{"field":"contact.fields.city","op":"gte","value":1},{"field":"contact.fields.city","op":"lte","value":5}]}}
      IS_KNOWN            | "operationType": "ALL_PROPERTY" | {"field":"contact.fields.city","op":"exists"}
      IS_UNKNOWN          | "operationType": "ALL_PROPERTY" | {"field":"contact.fields.city","op":"not_exists"}
      """)
  void writesEachOperatorAsACondition(String operator, String operands, String expected) {
    Condition c = filter("city", "{\"operator\": \"%s\", %s}".formatted(operator, operands));
    assertThat(json(written(c))).isEqualTo(json(expected));
    assertThat(warnings.all()).isEmpty();
  }

  @Test
  void namesTheContactsOwnFieldsByTheirPaths() {
    assertThat(written(filter("email", "{\"operator\": \"IS_KNOWN\"}")))
        .contains("\"contact.email\"");
    assertThat(written(filter("firstname", "{\"operator\": \"IS_KNOWN\"}")))
        .contains("\"contact.firstName\"");
    assertThat(written(filter("hubspot_owner_id", "{\"operator\": \"IS_KNOWN\"}")))
        .contains("\"contact.ownerId\"");
    Condition onEvent =
        filters.filter(
            json(
                """
        {"filterType": "PROPERTY", "property": "hs_form_id", "operation": {"operator": "IS_EQUAL_TO", "value": "f1"}}"""),
            "/f",
            HubSpotFilters.Scope.EVENT);
    assertThat(written(onEvent)).contains("\"event.data.hs_form_id\"");
  }

  @Test
  void meansWhatHubSpotMeans() {
    Condition dublin =
        filter("city", "{\"operator\": \"IS_EQUAL_TO\", \"values\": [\"Dublin\", \"Cork\"]}");
    assertThat(holds(dublin, Map.of("city", "Cork"))).isTrue();
    assertThat(holds(dublin, Map.of("city", "Paris"))).isFalse();
    Condition between =
        filter("visits", "{\"operator\": \"IS_BETWEEN\", \"lowerBound\": 1, \"upperBound\": 5}");
    assertThat(holds(between, Map.of("visits", 5))).isTrue();
    assertThat(holds(between, Map.of("visits", 6))).isFalse();
  }

  @Test
  void honoursIncludeObjectsWithNoValueSet() {
    Condition withEmpty =
        filter(
            "city",
            "{\"operator\": \"IS_EQUAL_TO\", \"values\": [\"Dublin\"], \"includeObjectsWithNoValueSet\": true}");
    assertThat(holds(withEmpty, Map.of())).isTrue();
    assertThat(holds(withEmpty, Map.of("city", "Cork"))).isFalse();
    Condition withoutEmpty =
        filter(
            "city",
            "{\"operator\": \"IS_NOT_EQUAL_TO\", \"values\": [\"Dublin\"], \"includeObjectsWithNoValueSet\": false}");
    assertThat(holds(withoutEmpty, Map.of())).isFalse();
    assertThat(holds(withoutEmpty, Map.of("city", "Cork"))).isTrue();
    Condition defaultNegative =
        filter("city", "{\"operator\": \"IS_NOT_EQUAL_TO\", \"values\": [\"Dublin\"]}");
    assertThat(holds(defaultNegative, Map.of())).isTrue();
  }

  @Test
  void datesAreInstantsInTheFiltersZone() {
    Condition after =
        filter(
            "renewal",
            """
        {"operationType": "TIME_POINT", "operator": "IS_AFTER",
         "timePoint": {"timeType": "DATE", "year": 2025, "month": 3, "day": 1, "zoneId": "Europe/Dublin"}}""");
    assertThat(json(written(after)))
        .isEqualTo(
            json(
                """
        {"field": "contact.fields.renewal", "op": "after", "value": "2025-03-01T00:00:00Z"}"""));
    Condition before =
        filter(
            "renewal",
            """
        {"operationType": "TIME_POINT", "operator": "IS_BEFORE",
         "timePoint": {"timeType": "DATE", "year": 2025, "month": 7, "day": 1, "zoneId": "America/New_York"}}""");
    assertThat(written(before)).contains("2025-07-01T04:00:00Z");
  }

  @Test
  void timesRelativeToTodayCompareWithNow() {
    Condition lastWeek =
        filter(
            "last_order",
            """
        {"operationType": "TIME_POINT", "operator": "IS_AFTER",
         "timePoint": {"timeType": "INDEXED", "indexReference": {"referenceType": "TODAY"}, "offset": {"days": -7}}}""");
    assertThat(holds(lastWeek, Map.of("last_order", "2025-03-05T00:00:00Z"))).isTrue();
    assertThat(holds(lastWeek, Map.of("last_order", "2025-03-01T00:00:00Z"))).isFalse();
    assertThat(holds(lastWeek, Map.of("last_order", "2025-04-01T00:00:00Z"))).isTrue();
    Condition longAgo =
        filter(
            "last_order",
            """
        {"operationType": "TIME_POINT", "operator": "IS_BEFORE",
         "timePoint": {"timeType": "INDEXED", "indexReference": {"referenceType": "TODAY"}, "offset": {"days": -7}}}""");
    assertThat(holds(longAgo, Map.of("last_order", "2025-03-01T00:00:00Z"))).isTrue();
    assertThat(holds(longAgo, Map.of("last_order", "2025-03-05T00:00:00Z"))).isFalse();
    Condition nextMonth =
        filter(
            "renewal",
            """
        {"operationType": "TIME_RANGED", "operator": "IS_BETWEEN",
         "lowerBoundTimePoint": {"timeType": "INDEXED", "indexReference": {"referenceType": "TODAY"}},
         "upperBoundTimePoint": {"timeType": "INDEXED", "indexReference": {"referenceType": "TODAY"}, "offset": {"days": 30}}}""");
    assertThat(holds(nextMonth, Map.of("renewal", "2025-03-20T00:00:00Z"))).isTrue();
    assertThat(holds(nextMonth, Map.of("renewal", "2025-05-20T00:00:00Z"))).isFalse();
    assertThat(holds(nextMonth, Map.of("renewal", "2025-03-01T00:00:00Z"))).isFalse();
  }

  @Test
  void branchesCombineTheirFiltersAndNestedBranches() {
    Condition c =
        filters.branch(
            json(
                """
        {"filterBranchType": "OR", "filters": [], "filterBranches": [
          {"filterBranchType": "AND", "filters": [
            {"filterType": "PROPERTY", "property": "city", "operation": {"operator": "IS_EQUAL_TO", "values": ["Dublin"]}},
            {"filterType": "PROPERTY", "property": "lifecyclestage", "operation": {"operator": "IS_ANY_OF", "values": ["lead"]}}]},
          {"filterBranchType": "NOT_ANY", "filters": [
            {"filterType": "PROPERTY", "property": "email", "operation": {"operator": "IS_KNOWN"}}]}]}"""),
            "",
            HubSpotFilters.Scope.CONTACT);
    assertThat(json(written(c)))
        .isEqualTo(
            json(
                """
        {"any": [
          {"all": [{"field": "contact.fields.city", "op": "eq", "value": "Dublin"},
                   {"field": "contact.fields.lifecyclestage", "op": "in", "value": ["lead"]}]},
          {"not": {"field": "contact.email", "op": "exists"}}]}"""));
    Condition notAll =
        filters.branch(
            json(
                """
        {"filterBranchType": "NOT_ALL", "filters": [
          {"filterType": "PROPERTY", "property": "a", "operation": {"operator": "IS_KNOWN"}},
          {"filterType": "PROPERTY", "property": "b", "operation": {"operator": "IS_KNOWN"}}]}"""),
            "",
            HubSpotFilters.Scope.CONTACT);
    assertThat(written(notAll)).startsWith("{\"not\":{\"all\":");
    assertThat(warnings.all()).isEmpty();
  }

  @Test
  void whatHasNoEquivalentNeverHoldsAndSaysWhere() {
    Condition list =
        filters.filter(
            json(
                """
        {"filterType": "IN_LIST", "listId": "42", "operation": {"operator": "IN_LIST"}}"""),
            "/f/0",
            HubSpotFilters.Scope.CONTACT);
    Condition history =
        filter("city", "{\"operator\": \"HAS_EVER_BEEN_EQUAL_TO\", \"values\": [\"Dublin\"]}");
    Condition events =
        filters.branch(
            json("{\"filterBranchType\": \"UNIFIED_EVENTS\", \"filters\": []}"),
            "/b",
            HubSpotFilters.Scope.CONTACT);
    Condition empty = filters.branch(json("{}"), "/e", HubSpotFilters.Scope.CONTACT);
    Condition noValue = filter("city", "{\"operator\": \"IS_EQUAL_TO\", \"values\": []}");
    for (Condition c : List.of(list, history, events, empty, noValue)) {
      assertThat(c).isEqualTo(HubSpotFilters.NEVER);
      assertThat(holds(c, Map.of("city", "Dublin"))).isFalse();
    }
    assertThat(warnings.all())
        .extracting(Problem::path)
        .containsExactly(
            "/f/0/filterType",
            "/f/operation/operator",
            "/b/filterBranchType",
            "/e",
            "/f/operation");
    assertThat(warnings.all().getFirst().message()).contains("list 42");
  }
}
