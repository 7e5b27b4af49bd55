package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.StepTypes;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An action activity's summary in Temporal UI: {@code "<step>: <type> <short what>"}, as in {@code
 * "tag-welcome: add_tags welcomed"}. The short what is taken from the step's own config (tags,
 * list, points, field, target automation, a webhook's method and host), never from the contact.
 */
final class ActionSummary {
  /** The config fields that say what an action does, in the order they are shown. */
  private static final List<String> SHOWN =
      List.of(
          "tags",
          "list",
          "by",
          "field",
          "automation",
          "pipeline",
          "stage",
          "status",
          "channel",
          "method",
          "url");

  private static final int MAX = 80;

  private ActionSummary() {}

  /**
   * The record components of each action class that are shown, in {@link #SHOWN}'s order, looked up
   * once per class: {@link Class#getRecordComponents} hands out new accessors at every call, each
   * of which would be made ready for reflection again.
   */
  private static final ClassValue<List<RecordComponent>> SHOWN_COMPONENTS =
      new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          List<RecordComponent> shown = new ArrayList<>();
          for (String name : SHOWN) {
            if (components == null) {
              break;
            }
            for (RecordComponent component : components) {
              if (component.getName().equals(name)) {
                shown.add(component);
              }
            }
          }
          return List.copyOf(shown);
        }
      };

  static String of(ActionStep step) {
    String type = StepTypes.nameOf(step.getClass());
    List<String> parts = new ArrayList<>();
    for (RecordComponent component : SHOWN_COMPONENTS.get(step.getClass())) {
      String shown = shown(component.getName(), value(component, step));
      if (shown != null && !shown.isBlank()) {
        parts.add(shown);
      }
    }
    String text = step.id() + ": " + type + (parts.isEmpty() ? "" : " " + String.join(" ", parts));
    return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
  }

  private static Object value(RecordComponent component, Object step) {
    try {
      return component.getAccessor().invoke(step);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static String shown(String name, Object value) {
    if (value == null) {
      return null;
    }
    if (name.equals("url")) {
      // the host only: a path or query may carry values
      try {
        String host = URI.create(String.valueOf(value)).getHost();
        return host == null ? null : host;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    if (name.equals("by") && value instanceof Number n) {
      return (n.doubleValue() >= 0 ? "+" : "") + n;
    }
    if (value instanceof Collection<?> values) {
      return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return String.valueOf(value);
  }
}
