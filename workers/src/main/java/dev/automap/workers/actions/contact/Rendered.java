package dev.automap.workers.actions.contact;

import dev.automap.workers.actions.ActionTemplates;
import java.util.List;

/** Rendering of template lists, shared by the contact handlers. */
final class Rendered {
  private Rendered() {}

  /** Each template rendered; null and blank results dropped. */
  static List<String> all(ActionTemplates.Rendering rendering, List<String> templates) {
    if (templates == null) {
      return List.of();
    }
    return templates.stream()
        .map(t -> t == null ? null : rendering.text(t))
        .filter(s -> s != null && !s.isBlank())
        .toList();
  }
}
