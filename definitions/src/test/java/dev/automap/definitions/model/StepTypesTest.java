package dev.automap.definitions.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepTypesTest {

  /** Every record under the sealed {@link Step}, found by walking its permitted subclasses. */
  static List<Class<?>> stepRecords() {
    List<Class<?>> out = new ArrayList<>();
    collect(Step.class, out);
    return out;
  }

  private static void collect(Class<?> type, List<Class<?>> out) {
    if (type.isRecord()) {
      out.add(type);
      return;
    }
    for (Class<?> sub : type.getPermittedSubclasses()) {
      collect(sub, out);
    }
  }

  @Test
  void everyStepRecordIsRegisteredOnceWithASnakeCaseName() {
    List<Class<?>> records = stepRecords();
    JsonSubTypes.Type[] registered = Step.class.getAnnotation(JsonSubTypes.class).value();

    assertThat(Arrays.stream(registered).map(JsonSubTypes.Type::value).toList())
        .containsExactlyInAnyOrderElementsOf(records);
    Set<String> names = new HashSet<>();
    for (JsonSubTypes.Type t : registered) {
      assertThat(t.name()).as(t.value().getSimpleName()).matches("[a-z]+(_[a-z]+)*");
      assertThat(names.add(t.name())).as("duplicate type name " + t.name()).isTrue();
      assertThat(StepTypes.nameOf(t.value())).isEqualTo(t.name());
    }
    assertThat(records).hasSize(44);
  }

  @Test
  void onlyMessageStepsSendMessages() {
    assertThat(Arrays.stream(MessageStep.class.getPermittedSubclasses()).map(StepTypes::nameOf))
        .containsExactlyInAnyOrder("send_email", "send_sms", "send_whatsapp", "notify");
  }
}
