package dev.automap.workers.actions;

import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.templates.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * What an action does in a preview ({@code POST /v1/simulate}, the scenario tests), where nothing
 * leaves the process: its effect on the {@link PreviewContact}, told as the action would tell it. A
 * handler that has one declares it as a static {@code preview} method beside {@code perform}; other
 * actions are shown as {@code would <type>}.
 */
@FunctionalInterface
public interface ActionPreview<S extends ActionStep> {
  ActionResult apply(S step, Scope scope);

  /**
   * What a preview effect sees: the contact, and the facts templates render with (the contact as it
   * was before the action, the run's vars, the event).
   */
  record Scope(PreviewContact contact, Facts facts) {
    public String text(String template) {
      return TemplateRenderer.shared().renderText(template, facts);
    }

    /** Each template rendered, empty results kept. */
    public List<String> texts(List<String> templates) {
      List<String> out = new ArrayList<>();
      for (String t : templates) {
        out.add(text(t));
      }
      return out;
    }
  }
}
