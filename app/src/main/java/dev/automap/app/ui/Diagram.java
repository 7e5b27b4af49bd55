package dev.automap.app.ui;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.DripStep;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.workers.figures.StepFigures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A map as a Mermaid flowchart: a node per step with its figures (an end step: the runs that ended
 * there), an edge per way out with how many runs took it; clicking a step opens the runs on it.
 * Text from the map is written as Mermaid entity codes, so a step id cannot change the diagram's
 * syntax.
 */
final class Diagram {
  private Diagram() {}

  static String of(
      String automationKey,
      int version,
      AutomationMap map,
      StepFigures.Figures figures,
      String selected) {
    StringBuilder out = new StringBuilder("flowchart TD\n");
    out.append("  classDef busy fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px\n");
    out.append("  classDef chosen stroke:#b45309,stroke-width:3px\n");
    out.append("  classDef ending fill:#f3f4f6,stroke:#6b7280\n");
    Map<String, String> node = new HashMap<>();
    List<Step> steps = map.steps();
    for (int i = 0; i < steps.size(); i++) {
      node.put(steps.get(i).id(), "s" + i);
    }
    for (Step step : steps) {
      StepFigures.StepFigure f = figures.steps().get(step.id());
      String label = label(step, f);
      String id = node.get(step.id());
      String shape =
          switch (step) {
            case BranchStep b -> "{{\"" + label + "\"}}";
            case SwitchStep s -> "{{\"" + label + "\"}}";
            case SplitStep s -> "{{\"" + label + "\"}}";
            case WaitStep w -> "([\"" + label + "\"])";
            case WaitForStep w -> "([\"" + label + "\"])";
            case DripStep d -> "([\"" + label + "\"])";
            case GoalStep g -> ">\"" + label + "\"]";
            case EndStep e -> "(\"" + label + "\")";
            default -> "[\"" + label + "\"]";
          };
      out.append("  ").append(id).append(shape).append('\n');
      if (f != null && f.active() > 0) {
        out.append("  class ").append(id).append(" busy\n");
      } else if (step instanceof EndStep) {
        out.append("  class ").append(id).append(" ending\n");
      }
      if (step.id().equals(selected)) {
        out.append("  class ").append(id).append(" chosen\n");
      }
      out.append("  click ")
          .append(id)
          .append(" href \"")
          .append(link(automationKey, version, step.id()))
          .append("\"\n");
    }
    for (StepFigures.PathFigure p : figures.paths()) {
      String from = node.get(p.from());
      String to = node.get(p.to());
      if (from == null || to == null) {
        continue;
      }
      String label = (p.label().isEmpty() ? "" : p.label() + " · ") + p.taken();
      out.append("  ")
          .append(from)
          .append(" -->|\"")
          .append(text(label))
          .append("\"| ")
          .append(to)
          .append('\n');
    }
    return out.toString();
  }

  static String link(String automationKey, int version, String stepId) {
    return "/ui/automations/"
        + URLEncoder.encode(automationKey, StandardCharsets.UTF_8)
        + "?version="
        + version
        + "&step="
        + URLEncoder.encode(stepId, StandardCharsets.UTF_8)
        + "#runs";
  }

  private static String label(Step step, StepFigures.StepFigure f) {
    StringBuilder label = new StringBuilder("<b>").append(text(step.id())).append("</b>");
    if (step.name() != null && !step.name().isBlank() && !step.name().equals(step.id())) {
      label.append("<br/>").append(text(step.name()));
    }
    label.append("<br/><i>").append(text(StepTypes.nameOf(step.getClass()))).append("</i>");
    if (f != null && step instanceof EndStep) {
      // no run stays on an end step: its box counts the runs that ended there
      if (f.entered() != null) {
        label.append("<br/>").append(f.entered()).append(" ended here");
      }
    } else if (f != null) {
      label.append("<br/>");
      label.append(f.active()).append(" here");
      if (f.paused() > 0) {
        label.append(" (").append(f.paused()).append(" paused)");
      }
      if (f.entered() != null) {
        label
            .append(" · ")
            .append(f.entered())
            .append(" in · ")
            .append(f.completed())
            .append(" done");
      }
    }
    return label.toString();
  }

  /** Text as Mermaid shows it literally: every character that is not plain as an entity code. */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '.' || c == '%') {
                out.appendCodePoint(c);
              } else {
                out.append('#').append(c).append(';');
              }
            });
    return out.toString();
  }
}
