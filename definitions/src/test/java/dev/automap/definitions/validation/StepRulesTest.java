package dev.automap.definitions.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.FlowStep;
import dev.automap.definitions.model.StepTypes;
import org.junit.jupiter.api.Test;

/**
 * Every step type has its one rule: flow steps in {@link FlowRules}, actions in {@link
 * ActionRules}.
 */
class StepRulesTest {

  @Test
  void everyFlowStepHasARule() {
    for (Class<?> type : StepTypes.all().keySet()) {
      if (FlowStep.class.isAssignableFrom(type)) {
        assertThat(FlowRules.RULES).as(type.getSimpleName()).containsKey(type);
        assertThat(ActionRules.RULES).doesNotContainKey(type);
      }
    }
  }

  @Test
  void everyActionHasARule() {
    for (Class<?> type : StepTypes.all().keySet()) {
      if (ActionStep.class.isAssignableFrom(type)) {
        assertThat(ActionRules.RULES).as(type.getSimpleName()).containsKey(type);
        assertThat(FlowRules.RULES).doesNotContainKey(type);
      }
    }
  }

  @Test
  void noRuleForATypeThatIsNotAStep() {
    assertThat(FlowRules.RULES.size() + ActionRules.RULES.size()).isEqualTo(StepTypes.all().size());
  }
}
