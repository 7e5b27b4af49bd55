package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The type names of steps, read once from {@link Step}'s {@code @JsonSubTypes}. */
public final class StepTypes {
  private static final Map<Class<?>, String> NAMES;

  static {
    Map<Class<?>, String> names = new LinkedHashMap<>();
    for (JsonSubTypes.Type t : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      names.put(t.value(), t.name());
    }
    NAMES = Collections.unmodifiableMap(names);
  }

  private StepTypes() {}

  /** Step record class to its type name, in declaration order. */
  public static Map<Class<?>, String> all() {
    return NAMES;
  }

  public static String nameOf(Class<?> stepClass) {
    return NAMES.get(stepClass);
  }
}
