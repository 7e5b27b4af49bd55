package dev.automap.definitions.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.definitions.model.MapJson;
import org.junit.jupiter.api.Test;

class ConditionJsonTest {

  private static Condition read(String json) throws Exception {
    return MapJson.mapper().readValue(json, Condition.class);
  }

  @Test
  void eachFormReadsAsItsKind() throws Exception {
    Condition c =
        read(
            """
            {"all": [
              {"field": "contact.tags", "op": "contains", "value": "VIP"},
              {"any": [{"field": "contact.email", "op": "exists"}, {"cel": "contact.score > 10"}]},
              {"not": {"field": "contact.fields.country", "op": "in", "value": ["US", "CA"]}}
            ]}
            """);
    AllOf all = (AllOf) c;
    assertThat(all.all()).hasSize(3);
    assertThat(all.all().get(0)).isInstanceOf(FieldCondition.class);
    AnyOf any = (AnyOf) all.all().get(1);
    assertThat(((FieldCondition) any.any().get(0)).op()).isEqualTo(Op.EXISTS);
    assertThat(any.any().get(1)).isEqualTo(new CelCondition("contact.score > 10"));
    assertThat(((Not) all.all().get(2)).not()).isInstanceOf(FieldCondition.class);
  }

  @Test
  void roundTrips() throws Exception {
    String json =
        "{\"any\":[{\"field\":\"contact.score\",\"op\":\"gte\",\"value\":5},{\"not\":{\"cel\":\"true\"}}]}";
    assertThat(MapJson.write(read(json))).isEqualTo(json);
  }

  @Test
  void aMixOfFormsIsRejected() {
    assertThatThrownBy(() -> read("{\"cel\": \"true\", \"field\": \"x\", \"op\": \"eq\"}"))
        .isInstanceOf(Exception.class);
    assertThatThrownBy(() -> read("{\"field\": \"x\", \"op\": \"nope\"}"))
        .isInstanceOf(Exception.class);
  }
}
