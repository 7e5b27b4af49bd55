package dev.automap.definitions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapValidatorTest {
  final MapValidator validator = new MapValidator();

  static String resource(String name) {
    try (InputStream in = MapValidatorTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static AutomationMap map(String text) {
    MapJson.Parsed parsed = MapJson.parse(text);
    assertThat(parsed.problems()).isEmpty();
    return parsed.map();
  }

  @Test
  void acceptsAMapWithEveryStep() {
    assertThat(validator.validate(map(resource("/maps/valid/every-step.json")))).isEmpty();
  }

  @Test
  void reportsEveryProblemAtOnce() {
    AutomationMap m =
        map(
            """
        {"key": "Bad Key", "start": "nowhere", "steps": [
          {"id": "a", "type": "wait", "next": "b"},
          {"id": "a", "type": "add_tags", "tags": [], "next": "ghost"},
          {"id": "c", "type": "split", "paths": [{"percent": 30, "next": "a"}, {"percent": 30, "next": "a"}]}
        ]}""");
    assertThat(validator.validate(m))
        .containsExactlyInAnyOrder(
            new Problem("/key", "must match [a-z0-9][a-z0-9_-]{0,63}"),
            new Problem("/steps/1/id", "duplicate step id \"a\""),
            new Problem("/start", "no step \"nowhere\""),
            new Problem("/steps/0/next", "no step \"b\""),
            new Problem(
                "/steps/0",
                "a wait needs one of duration, until, untilField, at, weekdays or window"),
            new Problem("/steps/1/next", "no step \"ghost\""),
            new Problem("/steps/1/tags", "must not be empty"),
            new Problem("/steps/2/paths", "percents add up to 60, not 100"));
  }

  @Test
  void findsLoopsThatNeverWait() {
    AutomationMap m =
        map(
            """
        {"key": "k", "start": "a", "steps": [
          {"id": "a", "type": "add_tags", "tags": ["x"], "next": "b"},
          {"id": "b", "type": "branch", "branches": [{"when": {"cel": "true"}, "next": "a"}], "else": "w"},
          {"id": "w", "type": "wait", "duration": "P1D", "next": "c"},
          {"id": "c", "type": "remove_tags", "tags": ["x"], "next": "w"},
          {"id": "self", "type": "goal", "when": {"event": "x.y"}, "next": "self"}
        ]}""");
    assertThat(validator.validate(m))
        .containsExactly(
            new Problem(
                "/steps/0",
                "the loop through a → b never waits: add a wait, wait_for or goal to it"),
            new Problem(
                "/steps/4",
                "the loop through self never waits: add a wait, wait_for or goal to it"));
  }

  @Test
  void handsEveryExpressionToItsCheck() {
    MapValidator strict =
        new MapValidator(
            cel -> cel.contains("&&&") ? "bad CEL" : null,
            template -> template.contains("{{#") ? "bad template" : null);
    AutomationMap m =
        map(
            """
        {"key": "k", "start": "a", "steps": [
          {"id": "a", "type": "branch", "branches": [{"when": {"all": [{"not": {"cel": "a &&& b"}}]}, "next": "b"}]},
          {"id": "b", "type": "send_sms", "body": "{{#oops"}
        ]}""");
    assertThat(strict.validate(m))
        .containsExactly(
            new Problem("/steps/0/branches/0/when/all/0/not/cel", "bad CEL"),
            new Problem("/steps/1/body", "bad template"));
  }

  @Test
  void compilesCelAndParsesTemplatesByDefault() {
    AutomationMap m =
        map(
            """
        {"key": "k", "start": "a", "steps": [
          {"id": "a", "type": "set_var", "name": "full", "cel": "contact.firstName + ' ' + contact.lastName", "next": "b"},
          {"id": "b", "type": "send_email", "subject": "{{#if x}}Hi", "body": "<p>{{contact.firstName}}</p>", "next": "c"},
          {"id": "c", "type": "branch", "branches": [{"when": {"cel": "contact.score >"}, "next": "d"}], "else": "d"},
          {"id": "d", "type": "branch", "branches": [{"when": {"cel": "'VIP' in contact.tags"}, "next": "e"}], "else": "e"},
          {"id": "e", "type": "set_var", "name": "bad", "cel": "1 +", "next": "f"},
          {"id": "f", "type": "end"}
        ]}""");
    List<Problem> problems = validator.validate(m);
    assertThat(problems)
        .extracting(Problem::path)
        .containsExactly("/steps/1/subject", "/steps/2/branches/0/when/cel", "/steps/4/cel");
    assertThat(problems.getFirst().message()).contains("1:11").contains("{{/");
    assertThat(MapValidator.withoutExpressionChecks().validate(m)).isEmpty();
  }

  @Test
  void aConditionMustBeTrueOrFalseButAValueNeedNot() {
    AutomationMap m =
        map(
            """
        {"key": "k", "start": "a", "steps": [
          {"id": "a", "type": "set_var", "name": "n", "cel": "contact.score + 1", "next": "b"},
          {"id": "b", "type": "wait_for", "condition": {"cel": "contact.score + 1"}}
        ]}""");
    assertThat(validator.validate(m))
        .extracting(Problem::path)
        .containsExactly("/steps/1/condition/cel");
  }

  @Test
  void neverThrowsOnEmptyParts() {
    List<Problem> problems =
        validator.validate(new AutomationMap(null, null, null, null, null, null, null, null, null));
    assertThat(problems)
        .contains(
            new Problem("/key", "required"),
            new Problem("/steps", "a map needs at least one step"));
    assertThat(validator.validate(null)).isNotEmpty();
  }
}
