package dev.automap.definitions.validation;

import static dev.automap.definitions.validation.StepRule.rule;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.model.Branch;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.DripStep;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.ForkStep;
import dev.automap.definitions.model.FormatStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.PauseEnrollmentStep;
import dev.automap.definitions.model.ResumeEnrollmentStep;
import dev.automap.definitions.model.SetVarStep;
import dev.automap.definitions.model.SplitPath;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.SwitchCase;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.UnenrollStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.definitions.model.Window;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rule of each flow step type. */
final class FlowRules {
  private FlowRules() {}

  static final Map<Class<?>, StepRule.Entry<?>> RULES =
      StepRule.byType(
          rule(WaitStep.class, FlowRules::waitStep),
          rule(
              WaitForStep.class,
              (s, at, ck) -> {
                ck.exactlyOne(at, "event", s.event(), "condition", s.condition());
                if (s.event() != null) {
                  ck.eventMatch(at + "/event", s.event());
                }
                if (s.condition() != null) {
                  ck.condition(at + "/condition", s.condition());
                }
                if (s.timeout() != null) {
                  ck.positive(at + "/timeout", s.timeout());
                } else if (s.onTimeout() != null) {
                  ck.add(at + "/onTimeout", "needs a timeout");
                }
              }),
          rule(
              BranchStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/branches", s.branches())
                    && ck.size(at + "/branches", s.branches(), 1, 50)) {
                  for (int i = 0; i < s.branches().size(); i++) {
                    Branch b = s.branches().get(i);
                    String bt = at + "/branches/" + i;
                    if (b == null) {
                      ck.add(bt, "a branch cannot be null");
                    } else if (ck.required(bt + "/when", b.when())) {
                      ck.condition(bt + "/when", b.when());
                    }
                  }
                }
              }),
          rule(
              SwitchStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/on", s.on())) {
                  ck.path(at + "/on", s.on());
                }
                if (ck.required(at + "/cases", s.cases())
                    && ck.size(at + "/cases", s.cases(), 1, MapValidator.MAX_LIST)) {
                  Set<JsonNode> seen = new HashSet<>();
                  for (int i = 0; i < s.cases().size(); i++) {
                    SwitchCase c = s.cases().get(i);
                    String ct = at + "/cases/" + i;
                    if (c == null) {
                      ck.add(ct, "a case cannot be null");
                    } else if (c.value() == null || c.value().isNull()) {
                      ck.add(ct + "/value", "required");
                    } else if (!c.value().isValueNode()) {
                      ck.add(ct + "/value", "must be a string, number or boolean");
                    } else if (!seen.add(c.value())) {
                      ck.add(ct + "/value", "duplicate case value " + c.value());
                    }
                  }
                }
              }),
          rule(SplitStep.class, FlowRules::split),
          rule(
              GoalStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/when", s.when())) {
                  ck.match(at + "/when", s.when());
                }
              }),
          rule(
              ForkStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/paths", s.paths())
                    && ck.size(at + "/paths", s.paths(), 2, 10)) {
                  Set<String> seen = new HashSet<>();
                  for (int i = 0; i < s.paths().size(); i++) {
                    String p = s.paths().get(i);
                    if (p == null) {
                      ck.add(at + "/paths/" + i, "a path cannot be null");
                    } else if (!seen.add(p)) {
                      ck.add(
                          at + "/paths/" + i, "step \"" + p + "\" is already a path of this fork");
                    }
                  }
                }
              }),
          rule(
              DripStep.class,
              (s, at, ck) -> {
                if (ck.required(at + "/batchSize", s.batchSize())
                    && (s.batchSize() < 1 || s.batchSize() > 100_000)) {
                  ck.add(at + "/batchSize", "must be between 1 and 100000");
                }
                if (ck.required(at + "/every", s.every())) {
                  ck.positive(at + "/every", s.every());
                }
              }),
          rule(
              EnrollStep.class,
              (s, at, ck) -> {
                ck.automationKey(at + "/automation", s.automation());
                if (s.automation() != null && s.automation().equals(ck.map.key())) {
                  ck.add(at + "/automation", "a map cannot enroll a contact in itself");
                }
              }),
          rule(
              UnenrollStep.class,
              (s, at, ck) -> ck.automationKey(at + "/automation", s.automation())),
          rule(
              PauseEnrollmentStep.class,
              (s, at, ck) -> ck.automationKey(at + "/automation", s.automation())),
          rule(
              ResumeEnrollmentStep.class,
              (s, at, ck) -> ck.automationKey(at + "/automation", s.automation())),
          rule(
              SetVarStep.class,
              (s, at, ck) -> {
                ck.varName(at + "/name", s.variable(), true);
                ck.exactlyOne(at, "value", s.value(), "cel", s.cel());
              }),
          rule(
              FormatStep.class,
              (s, at, ck) -> {
                ck.varName(at + "/name", s.variable(), true);
                ck.required(at + "/input", s.input());
                if (ck.required(at + "/as", s.as())) {
                  ck.format(at + "/as", s.as());
                }
              }),
          rule(EndStep.class, (s, at, ck) -> {}));

  private static void waitStep(WaitStep s, String at, Checks ck) {
    List<WaitStep.Form> forms = s.forms();
    if (forms.isEmpty()) {
      ck.add(at, "a wait needs one of duration, until, untilField, at, weekdays or window");
    } else if (forms.size() > 1) {
      ck.add(
          at,
          "a wait takes only one of duration, until, untilField, at, weekdays or window; this one has "
              + String.join(", ", forms.stream().map(FlowRules::formField).toList()));
    }
    if (s.duration() != null) {
      ck.positive(at + "/duration", s.duration());
    }
    if (s.untilField() != null && !FieldPaths.isValid(s.untilField())) {
      ck.add(
          at + "/untilField",
          "not a known path: \"" + s.untilField() + "\" (" + FieldPaths.EXPECTED + ")");
    }
    if (s.offset() != null) {
      if (s.untilField() == null) {
        ck.add(at + "/offset", "goes with untilField");
      } else {
        ck.bounded(at + "/offset", s.offset());
      }
    }
    if (s.ifPast() != null && s.untilField() == null && s.until() == null) {
      ck.add(at + "/ifPast", "goes with until or untilField");
    }
    if (s.weekdays() != null) {
      if (ck.size(at + "/weekdays", s.weekdays(), 1, 7)) {
        ck.days(at + "/weekdays", s.weekdays());
      }
      if (s.at() == null) {
        ck.add(at + "/at", "required with weekdays");
      }
    }
    Window w = s.window();
    if (w != null) {
      ck.required(at + "/window/from", w.from());
      ck.required(at + "/window/to", w.to());
      if (w.from() != null && w.from().equals(w.to())) {
        ck.add(at + "/window/to", "must differ from from");
      }
      if (w.days() != null && ck.size(at + "/window/days", w.days(), 1, 7)) {
        ck.days(at + "/window/days", w.days());
      }
    }
    if (s.timezone() != null) {
      ck.zone(at + "/timezone", s.timezone(), true);
    }
  }

  private static void split(SplitStep s, String at, Checks ck) {
    if (!ck.required(at + "/paths", s.paths()) || !ck.size(at + "/paths", s.paths(), 2, 20)) {
      return;
    }
    int sum = 0;
    boolean complete = true;
    for (int i = 0; i < s.paths().size(); i++) {
      SplitPath p = s.paths().get(i);
      String pt = at + "/paths/" + i;
      if (p == null) {
        ck.add(pt, "a path cannot be null");
        complete = false;
      } else if (!ck.required(pt + "/percent", p.percent())) {
        complete = false;
      } else if (p.percent() < 1 || p.percent() > 100) {
        ck.add(pt + "/percent", "must be between 1 and 100");
        complete = false;
      } else {
        sum += p.percent();
      }
    }
    if (complete && sum != 100) {
      ck.add(at + "/paths", "percents add up to " + sum + ", not 100");
    }
  }

  private static String formField(WaitStep.Form form) {
    return switch (form) {
      case DURATION -> "duration";
      case UNTIL -> "until";
      case UNTIL_FIELD -> "untilField";
      case AT -> "at";
      case WEEKDAYS -> "weekdays";
      case WINDOW -> "window";
    };
  }
}
