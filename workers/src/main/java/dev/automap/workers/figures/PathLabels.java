package dev.automap.workers.figures;

import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.Successor;
import dev.automap.definitions.model.SwitchStep;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A word for each way out of a step: a branch's or split path's name, a case's value, else. */
public final class PathLabels {
  private static final Pattern ITEM = Pattern.compile("/(\\w+)/(\\d+)(/.*)?");

  private PathLabels() {}

  public static String of(Step step, Successor successor) {
    String field = successor.field();
    Matcher item = ITEM.matcher(field);
    if (item.matches()) {
      int i = Integer.parseInt(item.group(2));
      String name =
          switch (step) {
            case BranchStep b when i < b.branches().size() -> b.branches().get(i).name();
            case SplitStep s when i < s.paths().size() ->
                s.paths().get(i).name() + " " + s.paths().get(i).percent() + "%";
            case SwitchStep s when i < s.cases().size() -> s.cases().get(i).value().asText();
            default -> null;
          };
      return name == null || name.isBlank() ? item.group(1) + " " + (i + 1) : name;
    }
    return switch (field) {
      case "/next" -> "";
      case "/onTimeout" -> "timeout";
      case "/else" -> "else";
      case "/default" -> "default";
      case "/onError/then" -> "on error";
      default -> field.substring(field.lastIndexOf('/') + 1);
    };
  }
}
