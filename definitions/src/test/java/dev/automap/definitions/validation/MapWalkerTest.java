package dev.automap.definitions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapWalkerTest {
  static final AutomationMap MAP =
      MapJson.parse(MapValidatorTest.resource("/maps/valid/every-step.json")).map();

  @Test
  void findsEveryTemplateWithItsPath() {
    List<String> paths = MapWalker.templates(MAP).stream().map(MapWalker.Found::path).toList();
    assertThat(paths)
        .contains(
            "/steps/0/contact/email",
            "/steps/0/contact/fields/source",
            "/steps/2/set/contact.fields.lastForm",
            "/steps/4/tags/0",
            "/steps/21/subject",
            "/steps/26/url",
            "/steps/26/headers/X-Source",
            "/steps/26/body/email",
            "/steps/27/prompt");
    assertThat(MapWalker.templates(MAP))
        .contains(
            new MapWalker.Found<>(
                "/steps/21/subject", "Welcome {{default contact.firstName \"there\"}}"));
  }

  @Test
  void findsEveryCelExpressionAtAnyDepth() {
    assertThat(MapWalker.celExpressions(MAP))
        .containsExactly(
            new MapWalker.Found<>("/steps/36/branches/0/when/cel", "'VIP' in contact.tags"),
            new MapWalker.Found<>("/steps/46/cel", "contact.score > 50"));
  }

  @Test
  void findsEveryConditionRoot() {
    List<String> paths = MapWalker.conditions(MAP).stream().map(MapWalker.Found::path).toList();
    assertThat(paths)
        .containsExactly(
            "/triggers/0/where",
            "/triggers/1/segment",
            "/triggers/2/audience",
            "/enrollment/audience",
            "/enrollment/exitWhen/1",
            "/steps/35/condition",
            "/steps/36/branches/0/when",
            "/steps/36/branches/1/when");
    assertThat(MapWalker.conditions(MAP))
        .extracting(MapWalker.Found::value)
        .allSatisfy(c -> assertThat(c).isInstanceOf(Condition.class));
  }
}
