package dev.automap.definitions.validation;

import dev.automap.definitions.model.Step;
import java.util.HashMap;
import java.util.Map;

/**
 * The checks of one step type, beyond what every step gets (ids, successors, {@code onError}): one
 * rule per type, in {@link FlowRules} for flow steps and {@link ActionRules} for actions.
 */
@FunctionalInterface
interface StepRule<S extends Step> {
  /** Adds the problems of {@code step}, found at JSON Pointer {@code at}, to {@code checks}. */
  void check(S step, String at, Checks checks);

  /** A rule for one step record. */
  record Entry<S extends Step>(Class<S> type, StepRule<S> rule) {
    void check(Step step, String at, Checks checks) {
      rule.check(type.cast(step), at, checks);
    }
  }

  static <S extends Step> Entry<S> rule(Class<S> type, StepRule<S> rule) {
    return new Entry<>(type, rule);
  }

  /** Rules by step record class; two rules for one type is a bug. */
  static Map<Class<?>, Entry<?>> byType(Entry<?>... entries) {
    Map<Class<?>, Entry<?>> out = new HashMap<>();
    for (Entry<?> e : entries) {
      if (out.put(e.type(), e) != null) {
        throw new IllegalStateException("two rules for " + e.type().getSimpleName());
      }
    }
    return Map.copyOf(out);
  }

  /** The rule of this step's type; every step type has one ({@code StepRulesTest}). */
  static void checkStep(Step step, String at, Checks checks) {
    Entry<?> entry = FlowRules.RULES.get(step.getClass());
    if (entry == null) {
      entry = ActionRules.RULES.get(step.getClass());
    }
    if (entry != null) {
      entry.check(step, at, checks);
    }
  }
}
