package dev.automap.definitions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contact paths in {@code update_contact} and {@code increment_field} are accepted with and without
 * the {@code contact.} prefix; conditions keep naming {@code contact.*}.
 */
class ContactPathRulesTest {
  final MapValidator validator = MapValidator.withoutExpressionChecks();

  List<Problem> problems(String steps) {
    MapJson.Parsed parsed =
        MapJson.parse("{\"key\": \"k\", \"start\": \"a\", \"steps\": [" + steps + "]}");
    assertThat(parsed.problems()).isEmpty();
    return validator.validate(parsed.map());
  }

  @Test
  void updateContactTakesPathsEitherWay() {
    assertThat(
            problems(
                """
                {"id": "a", "type": "update_contact",
                 "set": {"fields.company": "Acme", "contact.fields.plan": "pro", "firstName": "Ada"},
                 "clear": ["fields.old", "contact.lastName"]}"""))
        .isEmpty();
  }

  @Test
  void updateContactStillRefusesWhatCannotBeSet() {
    assertThat(
            problems(
                """
                {"id": "a", "type": "update_contact",
                 "set": {"id": "x", "contact.tags": "y", "nickname": "z", "fields.": "w"}}"""))
        .extracting(Problem::path)
        .containsExactlyInAnyOrder(
            "/steps/0/set/id",
            "/steps/0/set/contact.tags",
            "/steps/0/set/nickname",
            "/steps/0/set/fields.");
  }

  @Test
  void incrementFieldTakesPathsEitherWay() {
    assertThat(
            problems(
                "{\"id\": \"a\", \"type\": \"increment_field\", \"field\": \"fields.visits\", \"by\": 1}"))
        .isEmpty();
    assertThat(
            problems(
                "{\"id\": \"a\", \"type\": \"increment_field\", \"field\": \"score\", \"by\": 2}"))
        .isEmpty();
    assertThat(
            problems(
                "{\"id\": \"a\", \"type\": \"increment_field\", \"field\": \"vars.n\", \"by\": 1}"))
        .containsExactly(new Problem("/steps/0/field", "not a contact field: \"vars.n\""));
  }

  @Test
  void conditionsStillNameTheContactWithThePrefix() {
    assertThat(
            problems(
                """
                {"id": "a", "type": "branch",
                 "branches": [{"when": {"field": "fields.company", "op": "exists"}, "next": "a"}]}"""))
        .extracting(Problem::path)
        .contains("/steps/0/branches/0/when/field");
  }
}
