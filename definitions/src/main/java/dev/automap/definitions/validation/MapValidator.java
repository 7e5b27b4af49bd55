package dev.automap.definitions.validation;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.conditions.AllOf;
import dev.automap.definitions.conditions.AnyOf;
import dev.automap.definitions.conditions.CelCondition;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Not;
import dev.automap.definitions.conditions.Op;
import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AddFollowersStep;
import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AddToListStep;
import dev.automap.definitions.model.AdjustScoreStep;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Branch;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.ContactLookup;
import dev.automap.definitions.model.CopyContactStep;
import dev.automap.definitions.model.CreateContactStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.DripStep;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.Enrollment;
import dev.automap.definitions.model.EventTrigger;
import dev.automap.definitions.model.FindContactStep;
import dev.automap.definitions.model.ForkStep;
import dev.automap.definitions.model.FormatStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.MessageStep;
import dev.automap.definitions.model.NewContact;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.OnError;
import dev.automap.definitions.model.PauseEnrollmentStep;
import dev.automap.definitions.model.QuietHours;
import dev.automap.definitions.model.RemoveFollowersStep;
import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.definitions.model.RemoveOpportunityStep;
import dev.automap.definitions.model.RemoveTagsStep;
import dev.automap.definitions.model.ResumeEnrollmentStep;
import dev.automap.definitions.model.ScheduleTrigger;
import dev.automap.definitions.model.SegmentTrigger;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.definitions.model.SetCustomValueStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.SetVarStep;
import dev.automap.definitions.model.SplitPath;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.Successor;
import dev.automap.definitions.model.SwitchCase;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.Trigger;
import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.definitions.model.UnenrollStep;
import dev.automap.definitions.model.UpdateAppointmentStatusStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.definitions.model.WebhookStep;
import dev.automap.definitions.model.Weekday;
import dev.automap.definitions.model.Window;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.templates.TemplateRenderer;
import java.text.DecimalFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a parsed map and returns every problem at once, each with the JSON Pointer of what is
 * wrong. Never throws, whatever the map holds; a map it passes can be run.
 *
 * <p>Checks on expressions belong to their own packages: {@code new MapValidator()} compiles each
 * CEL expression with {@link ConditionEvaluator} (a condition must give a bool, a {@code set_var}
 * value anything) and parses each template with {@link TemplateRenderer}; other checks can be given
 * to the constructor. Each is called once per CEL expression and per template (see {@link
 * MapWalker}).
 */
public final class MapValidator {
  public static final int MAX_STEPS = 500;
  public static final int MAX_TRIGGERS = 20;
  public static final int MAX_LIST = 100;
  public static final int MAX_CONDITION_DEPTH = 32;
  public static final Duration MAX_DURATION = Duration.ofDays(3650);

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_?.-]{1,64}");
  private static final Pattern EVENT_TYPE =
      Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){1,4}");
  private static final Pattern TEAM_OR_USER =
      Pattern.compile("owner|team:[A-Za-z0-9_.-]{1,64}|[A-Za-z0-9_.@-]{1,128}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final Set<String> SIMPLE_FORMATS =
      Set.of("upper", "lower", "title", "capitalize", "trim");

  /** A check on one string (a CEL expression, a template): an error message, or null when fine. */
  @FunctionalInterface
  public interface TextCheck extends Function<String, String> {
    TextCheck NONE = text -> null;
  }

  /** A check on one string that reports every problem it finds; empty when fine. */
  private interface Check extends Function<String, List<String>> {
    static Check of(TextCheck check) {
      return text -> {
        String message = check.apply(text);
        return message == null ? List.of() : List.of(message);
      };
    }
  }

  private final Check conditionCelCheck;
  private final Check valueCelCheck;
  private final Check templateCheck;

  /**
   * A validator that also compiles every CEL expression ({@link ConditionEvaluator}) and parses
   * every template ({@link TemplateRenderer}): what a map must pass before it runs.
   */
  public MapValidator() {
    // a blank expression is already reported as required
    this(
        cel ->
            cel.isBlank()
                ? List.of()
                : ConditionEvaluator.shared().check(new CelCondition(cel)).stream()
                    .map(Problem::message)
                    .toList(),
        cel -> cel.isBlank() ? List.of() : ConditionEvaluator.shared().checkValue(cel),
        template -> TemplateRenderer.shared().check(template));
  }

  /**
   * A validator with these checks on each CEL expression (conditions and values alike) and
   * template.
   */
  public MapValidator(TextCheck celCheck, TextCheck templateCheck) {
    this(Check.of(celCheck), Check.of(celCheck), Check.of(templateCheck));
  }

  private MapValidator(Check conditionCelCheck, Check valueCelCheck, Check templateCheck) {
    this.conditionCelCheck = conditionCelCheck;
    this.valueCelCheck = valueCelCheck;
    this.templateCheck = templateCheck;
  }

  /**
   * A validator that checks the map's shape and meaning but not the text of expressions or
   * templates.
   */
  public static MapValidator withoutExpressionChecks() {
    return new MapValidator(TextCheck.NONE, TextCheck.NONE);
  }

  public List<Problem> validate(AutomationMap map) {
    if (map == null) {
      return List.of(new Problem("", "the document is not a map"));
    }
    Run run = new Run(map);
    run.guarded("", run::all);
    return run.problems;
  }

  /** One validation of one map: where the problems and the step index live. */
  private final class Run {
    final AutomationMap map;
    final List<Problem> problems = new ArrayList<>();

    /** First index of each step id. */
    final Map<String, Integer> index = new LinkedHashMap<>();

    Run(AutomationMap map) {
      this.map = map;
    }

    void add(String path, String message) {
      problems.add(new Problem(path, message));
    }

    /** Runs a check; a bug in it becomes a problem at its path instead of an exception. */
    void guarded(String path, Runnable check) {
      try {
        check.run();
      } catch (RuntimeException | StackOverflowError e) {
        add(path, "cannot be checked: " + e.getClass().getSimpleName());
      }
    }

    void all() {
      top();
      guarded("/triggers", this::triggers);
      guarded("/enrollment", this::enrollment);
      guarded("/steps", this::stepIds);
      if (map.steps().size() > MAX_STEPS) {
        return; // a graph this large is refused before it is walked
      }
      for (int i = 0; i < map.steps().size(); i++) {
        String at = "/steps/" + i;
        Step step = map.steps().get(i);
        if (step != null) {
          guarded(at, () -> step(at, step));
        }
      }
      guarded("/steps", this::graph);
      guarded("", this::expressions);
    }

    // ---- top level

    void top() {
      if (map.key() == null) {
        add("/key", "required");
      } else if (!KEY.matcher(map.key()).matches()) {
        add("/key", "must match [a-z0-9][a-z0-9_-]{0,63}");
      }
      if (map.name() != null && map.name().length() > 200) {
        add("/name", "at most 200 characters");
      }
      if (map.timezone() != null) {
        zone("/timezone", map.timezone(), false);
      }
      QuietHours quiet = map.quietHours();
      if (quiet != null) {
        required("/quietHours/from", quiet.from());
        required("/quietHours/to", quiet.to());
        if (quiet.from() != null && quiet.from().equals(quiet.to())) {
          add("/quietHours/to", "must differ from from");
        }
        if (quiet.timezone() != null) {
          zone("/quietHours/timezone", quiet.timezone(), true);
        }
      }
    }

    void triggers() {
      List<Trigger> triggers = map.triggers();
      if (triggers.size() > MAX_TRIGGERS) {
        add("/triggers", "at most " + MAX_TRIGGERS + " triggers");
        return;
      }
      for (int i = 0; i < triggers.size(); i++) {
        String at = "/triggers/" + i;
        switch (triggers.get(i)) {
          case null -> add(at, "a trigger cannot be null");
          case EventTrigger t -> {
            eventType(at + "/event", t.event());
            if (t.where() != null) {
              condition(at + "/where", t.where());
            }
          }
          case SegmentTrigger t -> {
            if (required(at + "/segment", t.segment())) {
              condition(at + "/segment", t.segment());
            }
          }
          case ScheduleTrigger t -> {
            if (required(at + "/schedule", t.schedule())) {
              cron(at + "/schedule", t.schedule());
            }
            if (t.timezone() != null) {
              zone(at + "/timezone", t.timezone(), false);
            }
            if (t.audience() != null) {
              condition(at + "/audience", t.audience());
            }
          }
          case DateTrigger t -> {
            if (required(at + "/date", t.date()) && !FieldPaths.isContact(t.date())) {
              add(
                  at + "/date",
                  "not a contact field: \"" + t.date() + "\" (use contact.fields.<name>)");
            }
            if (t.offset() != null) {
              bounded(at + "/offset", t.offset());
            }
          }
        }
      }
    }

    void enrollment() {
      Enrollment e = map.enrollment();
      if (e == null) {
        return;
      }
      if (e.audience() != null) {
        condition("/enrollment/audience", e.audience());
      }
      List<Match> exits = e.exitWhen();
      if (exits != null && size("/enrollment/exitWhen", exits, 0, MAX_TRIGGERS)) {
        for (int i = 0; i < exits.size(); i++) {
          match("/enrollment/exitWhen/" + i, exits.get(i));
        }
      }
      if (e.exitsWhenAudienceUnmet() && e.audience() == null) {
        add("/enrollment/exitWhenAudienceUnmet", "needs an audience");
      }
    }

    // ---- steps

    void stepIds() {
      List<Step> steps = map.steps();
      if (steps.isEmpty()) {
        add("/steps", "a map needs at least one step");
      } else if (steps.size() > MAX_STEPS) {
        add("/steps", "at most " + MAX_STEPS + " steps");
        return;
      }
      for (int i = 0; i < steps.size(); i++) {
        Step step = steps.get(i);
        String at = "/steps/" + i;
        if (step == null) {
          add(at, "a step cannot be null");
        } else if (step.id() == null) {
          add(at + "/id", "required");
        } else if (!STEP_ID.matcher(step.id()).matches()) {
          add(at + "/id", "must match [A-Za-z0-9_?.-]{1,64}");
        } else if (index.putIfAbsent(step.id(), i) != null) {
          add(at + "/id", "duplicate step id \"" + step.id() + "\"");
        }
      }
      if (map.start() == null) {
        add("/start", "required");
      } else if (!index.containsKey(map.start()) && !steps.isEmpty()) {
        add("/start", "no step \"" + map.start() + "\"");
      }
    }

    void step(String at, Step step) {
      for (Successor s : step.successors()) {
        if (!index.containsKey(s.step())) {
          add(at + s.field(), "no step \"" + s.step() + "\"");
        }
      }
      if (step instanceof ActionStep action && action.onError() != null) {
        onError(at + "/onError", action);
      }
      switch (step) {
        case WaitStep s -> waitStep(at, s);
        case WaitForStep s -> {
          exactlyOne(at, "event", s.event(), "condition", s.condition());
          if (s.event() != null) {
            eventMatch(at + "/event", s.event());
          }
          if (s.condition() != null) {
            condition(at + "/condition", s.condition());
          }
          if (s.timeout() != null) {
            positive(at + "/timeout", s.timeout());
          } else if (s.onTimeout() != null) {
            add(at + "/onTimeout", "needs a timeout");
          }
        }
        case BranchStep s -> {
          if (required(at + "/branches", s.branches())
              && size(at + "/branches", s.branches(), 1, 50)) {
            for (int i = 0; i < s.branches().size(); i++) {
              Branch b = s.branches().get(i);
              String bt = at + "/branches/" + i;
              if (b == null) {
                add(bt, "a branch cannot be null");
              } else if (required(bt + "/when", b.when())) {
                condition(bt + "/when", b.when());
              }
            }
          }
        }
        case SwitchStep s -> {
          if (required(at + "/on", s.on())) {
            path(at + "/on", s.on());
          }
          if (required(at + "/cases", s.cases()) && size(at + "/cases", s.cases(), 1, MAX_LIST)) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < s.cases().size(); i++) {
              SwitchCase c = s.cases().get(i);
              String ct = at + "/cases/" + i;
              if (c == null) {
                add(ct, "a case cannot be null");
              } else if (c.value() == null || c.value().isNull()) {
                add(ct + "/value", "required");
              } else if (!c.value().isValueNode()) {
                add(ct + "/value", "must be a string, number or boolean");
              } else if (!seen.add(c.value())) {
                add(ct + "/value", "duplicate case value " + c.value());
              }
            }
          }
        }
        case SplitStep s -> split(at, s);
        case GoalStep s -> {
          if (required(at + "/when", s.when())) {
            match(at + "/when", s.when());
          }
        }
        case ForkStep s -> {
          if (required(at + "/paths", s.paths()) && size(at + "/paths", s.paths(), 2, 10)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < s.paths().size(); i++) {
              String p = s.paths().get(i);
              if (p == null) {
                add(at + "/paths/" + i, "a path cannot be null");
              } else if (!seen.add(p)) {
                add(at + "/paths/" + i, "step \"" + p + "\" is already a path of this fork");
              }
            }
          }
        }
        case DripStep s -> {
          if (required(at + "/batchSize", s.batchSize())
              && (s.batchSize() < 1 || s.batchSize() > 100_000)) {
            add(at + "/batchSize", "must be between 1 and 100000");
          }
          if (required(at + "/every", s.every())) {
            positive(at + "/every", s.every());
          }
        }
        case EnrollStep s -> {
          automationKey(at + "/automation", s.automation());
          if (s.automation() != null && s.automation().equals(map.key())) {
            add(at + "/automation", "a map cannot enroll a contact in itself");
          }
        }
        case UnenrollStep s -> automationKey(at + "/automation", s.automation());
        case PauseEnrollmentStep s -> automationKey(at + "/automation", s.automation());
        case ResumeEnrollmentStep s -> automationKey(at + "/automation", s.automation());
        case SetVarStep s -> {
          varName(at + "/name", s.variable(), true);
          exactlyOne(at, "value", s.value(), "cel", s.cel());
        }
        case FormatStep s -> {
          varName(at + "/name", s.variable(), true);
          required(at + "/input", s.input());
          if (required(at + "/as", s.as())) {
            format(at + "/as", s.as());
          }
        }
        case EndStep s -> {}
        case ActionStep s -> action(at, s);
      }
    }

    void waitStep(String at, WaitStep s) {
      List<WaitStep.Form> forms = s.forms();
      if (forms.isEmpty()) {
        add(at, "a wait needs one of duration, until, untilField, at, weekdays or window");
      } else if (forms.size() > 1) {
        add(
            at,
            "a wait takes only one of duration, until, untilField, at, weekdays or window; this one has "
                + String.join(", ", forms.stream().map(MapValidator::formField).toList()));
      }
      if (s.duration() != null) {
        positive(at + "/duration", s.duration());
      }
      if (s.untilField() != null && !FieldPaths.isValid(s.untilField())) {
        add(
            at + "/untilField",
            "not a known path: \"" + s.untilField() + "\" (" + FieldPaths.EXPECTED + ")");
      }
      if (s.offset() != null) {
        if (s.untilField() == null) {
          add(at + "/offset", "goes with untilField");
        } else {
          bounded(at + "/offset", s.offset());
        }
      }
      if (s.ifPast() != null && s.untilField() == null && s.until() == null) {
        add(at + "/ifPast", "goes with until or untilField");
      }
      if (s.weekdays() != null) {
        if (size(at + "/weekdays", s.weekdays(), 1, 7)) {
          days(at + "/weekdays", s.weekdays());
        }
        if (s.at() == null) {
          add(at + "/at", "required with weekdays");
        }
      }
      Window w = s.window();
      if (w != null) {
        required(at + "/window/from", w.from());
        required(at + "/window/to", w.to());
        if (w.from() != null && w.from().equals(w.to())) {
          add(at + "/window/to", "must differ from from");
        }
        if (w.days() != null && size(at + "/window/days", w.days(), 1, 7)) {
          days(at + "/window/days", w.days());
        }
      }
      if (s.timezone() != null) {
        zone(at + "/timezone", s.timezone(), true);
      }
    }

    void split(String at, SplitStep s) {
      if (!required(at + "/paths", s.paths()) || !size(at + "/paths", s.paths(), 2, 20)) {
        return;
      }
      int sum = 0;
      boolean complete = true;
      for (int i = 0; i < s.paths().size(); i++) {
        SplitPath p = s.paths().get(i);
        String pt = at + "/paths/" + i;
        if (p == null) {
          add(pt, "a path cannot be null");
          complete = false;
        } else if (!required(pt + "/percent", p.percent())) {
          complete = false;
        } else if (p.percent() < 1 || p.percent() > 100) {
          add(pt + "/percent", "must be between 1 and 100");
          complete = false;
        } else {
          sum += p.percent();
        }
      }
      if (complete && sum != 100) {
        add(at + "/paths", "percents add up to " + sum + ", not 100");
      }
    }

    void onError(String at, ActionStep step) {
      String then = step.onError().then();
      if (!required(at + "/then", then)) {
        return;
      }
      if (then.equals(OnError.CONTINUE) && step.next() == null) {
        add(
            at + "/then",
            step instanceof DeleteContactStep
                ? "the run ends after delete_contact: use end or a step id"
                : "continue needs a next step");
      }
    }

    void action(String at, ActionStep step) {
      switch (step) {
        case CreateContactStep s -> {
          if (required(at + "/contact", s.contact())) {
            NewContact c = s.contact();
            if (blank(c.email()) && blank(c.phone())) {
              add(at + "/contact", "needs an email or a phone");
            }
            if (c.fields() != null) {
              size(at + "/contact/fields", c.fields().keySet(), 0, MAX_LIST);
            }
          }
          varName(at + "/saveAs", s.saveAs(), false);
        }
        case FindContactStep s -> {
          if (required(at + "/by", s.by())) {
            ContactLookup by = s.by();
            int given =
                (by.email() == null ? 0 : 1)
                    + (by.phone() == null ? 0 : 1)
                    + (by.field() == null ? 0 : 1);
            if (given != 1) {
              add(at + "/by", "needs exactly one of email, phone or field");
            }
            if (by.field() != null) {
              if (!FieldPaths.isContact(by.field())) {
                add(at + "/by/field", "not a contact field: \"" + by.field() + "\"");
              }
              required(at + "/by/value", by.value());
            } else if (by.value() != null) {
              add(at + "/by/value", "goes with field");
            }
          }
          varName(at + "/saveAs", s.saveAs(), false);
        }
        case UpdateContactStep s -> {
          boolean hasSet = s.set() != null && !s.set().isEmpty();
          boolean hasClear = s.clear() != null && !s.clear().isEmpty();
          if (!hasSet && !hasClear) {
            add(at, "needs set or clear");
          }
          if (s.set() != null && size(at + "/set", s.set().keySet(), 0, MAX_LIST)) {
            for (String key : s.set().keySet()) {
              writable(at + "/set/" + MapWalker.escape(key), key);
            }
          }
          if (s.clear() != null && size(at + "/clear", s.clear(), 0, MAX_LIST)) {
            for (int i = 0; i < s.clear().size(); i++) {
              writable(at + "/clear/" + i, s.clear().get(i));
            }
          }
        }
        case IncrementFieldStep s -> {
          if (required(at + "/field", s.field()) && !FieldPaths.isContact(s.field())) {
            add(at + "/field", "not a contact field: \"" + s.field() + "\"");
          }
          if (required(at + "/by", s.by()) && s.by().signum() == 0) {
            add(at + "/by", "must not be 0");
          }
        }
        case AddTagsStep s -> strings(at + "/tags", s.tags(), 200);
        case RemoveTagsStep s -> strings(at + "/tags", s.tags(), 200);
        case AssignOwnerStep s -> {
          exactlyOne(at, "user", s.user(), "rotate", s.rotate());
          if (s.rotate() != null) {
            strings(at + "/rotate", s.rotate(), 128);
          }
        }
        case UnassignOwnerStep s -> {}
        case SetDndStep s -> {
          required(at + "/channel", s.channel());
          required(at + "/enabled", s.enabled());
        }
        case AddNoteStep s -> required(at + "/body", s.body());
        case CreateTaskStep s -> {
          required(at + "/title", s.title());
          if (s.assignee() != null && !TEAM_OR_USER.matcher(s.assignee()).matches()) {
            add(at + "/assignee", "use owner or a user id");
          }
          if (s.due() != null) {
            positive(at + "/due", s.due());
          }
        }
        case DeleteContactStep s -> {}
        case AdjustScoreStep s -> {
          if (required(at + "/by", s.by()) && s.by() == 0) {
            add(at + "/by", "must not be 0");
          }
        }
        case AddFollowersStep s -> strings(at + "/users", s.users(), 128);
        case RemoveFollowersStep s -> strings(at + "/users", s.users(), 128);
        case CopyContactStep s -> required(at + "/account", s.account());
        case AddToListStep s -> required(at + "/list", s.list());
        case RemoveFromListStep s -> required(at + "/list", s.list());
        case SetCustomValueStep s -> {
          varName(at + "/name", s.customValue(), true);
          required(at + "/value", s.value());
        }
        case UpsertOpportunityStep s -> {
          required(at + "/pipeline", s.pipeline());
          required(at + "/stage", s.stage());
        }
        case RemoveOpportunityStep s -> required(at + "/pipeline", s.pipeline());
        case UpdateAppointmentStatusStep s -> {
          required(at + "/appointment", s.appointment());
          required(at + "/status", s.status());
        }
        case SendEmailStep s -> {
          required(at + "/subject", s.subject());
          if (blank(s.body()) && blank(s.text())) {
            add(at + "/body", "required (or text)");
          }
        }
        case SendSmsStep s -> required(at + "/body", s.body());
        case SendWhatsappStep s -> required(at + "/body", s.body());
        case SendSlackStep s -> {
          required(at + "/channel", s.channel());
          required(at + "/text", s.text());
        }
        case NotifyStep s -> {
          if (required(at + "/to", s.to()) && !TEAM_OR_USER.matcher(s.to()).matches()) {
            add(at + "/to", "use owner, a user id or team:<name>");
          }
          required(at + "/body", s.body());
        }
        case WebhookStep s -> {
          if (required(at + "/url", s.url())
              && !s.url().startsWith("{{")
              && !s.url().startsWith("https://")
              && !s.url().startsWith("http://")) {
            add(at + "/url", "must start with https:// or http://");
          }
          if (s.headers() != null) {
            size(at + "/headers", s.headers().keySet(), 0, 50);
          }
          if (s.timeout() != null) {
            positive(at + "/timeout", s.timeout());
            if (s.timeout().compareTo(Duration.ofMinutes(5)) > 0) {
              add(at + "/timeout", "at most PT5M");
            }
          }
          varName(at + "/saveResponseAs", s.saveResponseAs(), false);
        }
        case AiPromptStep s -> {
          required(at + "/prompt", s.prompt());
          varName(at + "/saveAs", s.saveAs(), false);
        }
      }
    }

    // ---- the graph

    /**
     * Reachability from {@code start} (and from goals, which a contact can jump to at any time),
     * and loops that never wait: strongly connected parts of the graph of non-waiting steps.
     */
    void graph() {
      if (index.isEmpty()) {
        return;
      }
      Map<String, List<String>> edges = new HashMap<>();
      for (String id : index.keySet()) {
        Step step = map.steps().get(index.get(id));
        List<String> out = new ArrayList<>();
        for (Successor s : step.successors()) {
          if (index.containsKey(s.step())) {
            out.add(s.step());
          }
        }
        edges.put(id, out);
      }
      Set<String> reached = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>();
      if (map.start() != null && index.containsKey(map.start())) {
        todo.add(map.start());
      }
      for (String id : index.keySet()) {
        if (map.steps().get(index.get(id)) instanceof GoalStep) {
          todo.add(id);
        }
      }
      while (!todo.isEmpty()) {
        String id = todo.poll();
        if (reached.add(id)) {
          todo.addAll(edges.get(id));
        }
      }
      if (map.start() != null && index.containsKey(map.start())) {
        for (var e : index.entrySet()) {
          if (!reached.contains(e.getKey())) {
            add("/steps/" + e.getValue(), "step \"" + e.getKey() + "\" is never reached");
          }
        }
      }
      for (List<String> loop : loopsWithoutWait(edges)) {
        int first = loop.stream().mapToInt(index::get).min().orElse(0);
        add(
            "/steps/" + first,
            "the loop through "
                + String.join(" → ", loop)
                + " never waits: add a wait, wait_for or goal to it");
      }
    }

    /**
     * Tarjan's strongly connected components over non-waiting steps, iteratively (no recursion).
     */
    List<List<String>> loopsWithoutWait(Map<String, List<String>> edges) {
      Map<String, Integer> order = new HashMap<>();
      Map<String, Integer> low = new HashMap<>();
      Deque<String> stack = new ArrayDeque<>();
      Set<String> onStack = new HashSet<>();
      List<List<String>> loops = new ArrayList<>();
      int counter = 0;
      for (String root : index.keySet()) {
        if (order.containsKey(root) || waits(root)) {
          continue;
        }
        Deque<Object[]> frames = new ArrayDeque<>(); // {node, next edge index}
        frames.push(new Object[] {root, 0});
        order.put(root, counter);
        low.put(root, counter++);
        stack.push(root);
        onStack.add(root);
        while (!frames.isEmpty()) {
          Object[] frame = frames.peek();
          String node = (String) frame[0];
          List<String> out = edges.get(node);
          int i = (Integer) frame[1];
          if (i < out.size()) {
            frame[1] = i + 1;
            String next = out.get(i);
            if (waits(next)) {
              continue;
            }
            if (!order.containsKey(next)) {
              order.put(next, counter);
              low.put(next, counter++);
              stack.push(next);
              onStack.add(next);
              frames.push(new Object[] {next, 0});
            } else if (onStack.contains(next)) {
              low.put(node, Math.min(low.get(node), order.get(next)));
            }
          } else {
            frames.pop();
            if (!frames.isEmpty()) {
              String parent = (String) frames.peek()[0];
              low.put(parent, Math.min(low.get(parent), low.get(node)));
            }
            if (low.get(node).equals(order.get(node))) {
              List<String> component = new ArrayList<>();
              String member;
              do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
              } while (!member.equals(node));
              if (component.size() > 1 || edges.get(node).contains(node)) {
                component.sort((a, b) -> index.get(a) - index.get(b));
                loops.add(component);
              }
            }
          }
        }
      }
      return loops;
    }

    boolean waits(String id) {
      return map.steps().get(index.get(id)).mayWait();
    }

    // ---- conditions and event matches

    void match(String at, Match match) {
      switch (match) {
        case null -> add(at, "required");
        case Match.OnEvent e -> eventMatch(at, e.event());
        case Match.OnCondition c -> condition(at, c.condition());
      }
    }

    void eventMatch(String at, EventMatch match) {
      eventType(at + "/event", match.event());
      if (match.where() != null) {
        condition(at + "/where", match.where());
      }
      String from = match.fromStep();
      if (from != null) {
        Integer i = index.get(from);
        if (i == null) {
          add(at + "/fromStep", "no step \"" + from + "\"");
        } else if (!(map.steps().get(i) instanceof MessageStep)) {
          add(
              at + "/fromStep",
              "step \""
                  + from
                  + "\" sends no message (use a send_email, send_sms,"
                  + " send_whatsapp or notify step)");
        }
      }
    }

    void condition(String at, Condition condition) {
      condition(at, condition, 1);
    }

    void condition(String at, Condition condition, int depth) {
      if (depth > MAX_CONDITION_DEPTH) {
        add(at, "conditions nest at most " + MAX_CONDITION_DEPTH + " deep");
        return;
      }
      switch (condition) {
        case null -> add(at, "a condition cannot be null");
        case FieldCondition f -> fieldCondition(at, f);
        case AllOf a -> {
          if (size(at + "/all", a.all(), 0, MAX_LIST)) {
            for (int i = 0; i < a.all().size(); i++) {
              condition(at + "/all/" + i, a.all().get(i), depth + 1);
            }
          }
        }
        case AnyOf a -> {
          if (size(at + "/any", a.any(), 0, MAX_LIST)) {
            for (int i = 0; i < a.any().size(); i++) {
              condition(at + "/any/" + i, a.any().get(i), depth + 1);
            }
          }
        }
        case Not n -> condition(at + "/not", n.not(), depth + 1);
        case CelCondition c -> {
          if (blank(c.cel())) {
            add(at + "/cel", "required");
          }
        }
      }
    }

    void fieldCondition(String at, FieldCondition f) {
      if (required(at + "/field", f.field())) {
        path(at + "/field", f.field());
      }
      Op op = f.op();
      if (!required(at + "/op", op)) {
        return;
      }
      JsonNode value = f.value();
      boolean hasValue = value != null && !value.isNull() && !value.isMissingNode();
      if (op.unary()) {
        if (hasValue) {
          add(at + "/value", op.id() + " takes no value");
        }
        return;
      }
      if (!hasValue) {
        add(at + "/value", op.id() + " needs a value");
        return;
      }
      switch (op) {
        case IN, NOT_IN -> {
          if (!value.isArray()) {
            add(at + "/value", op.id() + " needs a list");
          } else if (value.size() > 1000) {
            add(at + "/value", "at most 1000 values");
          }
        }
        case WITHIN_LAST, WITHIN_NEXT -> {
          if (!value.isTextual() || !isPositiveDuration(value.textValue())) {
            add(at + "/value", op.id() + " needs a positive ISO-8601 duration, e.g. P7D");
          }
        }
        case BEFORE, AFTER, GT, GTE, LT, LTE, STARTS_WITH, ENDS_WITH -> {
          if (!value.isValueNode()) {
            add(at + "/value", op.id() + " needs a single value");
          }
        }
        default -> {}
      }
    }

    // ---- expressions and templates, found by the walker

    void expressions() {
      MapWalker.walk(
          map,
          new MapWalker.Visitor() {
            @Override
            public void cel(String path, String expression) {
              check(path, expression, conditionCelCheck);
            }

            @Override
            public void valueCel(String path, String expression) {
              check(path, expression, valueCelCheck);
            }

            @Override
            public void template(String path, String template) {
              check(path, template, templateCheck);
            }
          });
    }

    void check(String path, String text, Check check) {
      guarded(
          path,
          () -> {
            for (String message : check.apply(text)) {
              add(path, message);
            }
          });
    }

    // ---- small checks; each returns whether the value passed, to let callers go deeper

    boolean required(String at, Object value) {
      if (value == null || (value instanceof String s && s.isBlank())) {
        add(at, "required");
        return false;
      }
      if (value instanceof Collection<?> c && c.isEmpty()) {
        add(at, "must not be empty");
        return false;
      }
      return true;
    }

    boolean size(String at, Collection<?> values, int min, int max) {
      if (values.size() < min) {
        add(at, "at least " + min);
        return false;
      }
      if (values.size() > max) {
        add(at, "at most " + max);
        return false;
      }
      return true;
    }

    void exactlyOne(String at, String a, Object va, String b, Object vb) {
      if (va == null && vb == null) {
        add(at, "needs " + a + " or " + b);
      } else if (va != null && vb != null) {
        add(at + "/" + b, "use " + a + " or " + b + ", not both");
      }
    }

    void strings(String at, List<String> values, int maxLength) {
      if (!required(at, values) || !size(at, values, 1, MAX_LIST)) {
        return;
      }
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        if (blank(v)) {
          add(at + "/" + i, "must not be empty");
        } else if (v.length() > maxLength) {
          add(at + "/" + i, "at most " + maxLength + " characters");
        }
      }
    }

    void positive(String at, Duration d) {
      if (d.isNegative() || d.isZero()) {
        add(at, "must be positive");
      } else if (d.compareTo(MAX_DURATION) > 0) {
        add(at, "at most P3650D");
      }
    }

    void bounded(String at, Duration d) {
      if (d.abs().compareTo(MAX_DURATION) > 0) {
        add(at, "at most P3650D either way");
      }
    }

    void zone(String at, String zone, boolean contactAllowed) {
      if (contactAllowed && zone.equals("contact")) {
        return;
      }
      if (!ZONES.contains(zone)) {
        add(
            at,
            "not an IANA time zone: \""
                + zone
                + "\""
                + (contactAllowed ? " (or use \"contact\")" : ""));
      }
    }

    void days(String at, List<Weekday> days) {
      Set<Weekday> seen = new HashSet<>();
      for (int i = 0; i < days.size(); i++) {
        if (days.get(i) == null) {
          add(at + "/" + i, "required");
        } else if (!seen.add(days.get(i))) {
          add(at + "/" + i, "duplicate day " + days.get(i));
        }
      }
    }

    void eventType(String at, String type) {
      if (required(at, type) && !EVENT_TYPE.matcher(type).matches()) {
        add(at, "not an event type: \"" + type + "\" (dotted, e.g. email.opened)");
      }
    }

    void path(String at, String path) {
      if (!FieldPaths.isValid(path)) {
        add(at, "not a known path: \"" + abbreviate(path) + "\" (" + FieldPaths.EXPECTED + ")");
      }
    }

    void writable(String at, String path) {
      if (path == null
          || !FieldPaths.isContact(path)
          || path.equals("contact.id")
          || path.equals("contact.tags")
          || path.equals("contact.createdAt")
          || path.equals("contact.updatedAt")) {
        add(
            at,
            "not a contact field that can be set: \"" + abbreviate(String.valueOf(path)) + "\"");
      }
    }

    void varName(String at, String name, boolean isRequired) {
      if (name == null) {
        if (isRequired) {
          add(at, "required");
        }
      } else if (!FieldPaths.isVarName(name)) {
        add(at, "must match [A-Za-z_][A-Za-z0-9_-]{0,127}");
      }
    }

    void automationKey(String at, String key) {
      if (required(at, key) && !KEY.matcher(key).matches()) {
        add(at, "not an automation key: \"" + abbreviate(key) + "\"");
      }
    }

    void cron(String at, String expression) {
      if (expression.length() > 200) {
        add(at, "at most 200 characters");
        return;
      }
      try {
        CRON.parse(expression).validate();
      } catch (IllegalArgumentException e) {
        add(at, "not a 5-field cron expression (minute hour day month weekday): " + e.getMessage());
      }
    }

    void format(String at, String as) {
      if (SIMPLE_FORMATS.contains(as)) {
        return;
      }
      try {
        if (as.startsWith("number:")) {
          new DecimalFormat(as.substring("number:".length()));
          return;
        }
        if (as.startsWith("date:")) {
          DateTimeFormatter.ofPattern(as.substring("date:".length()));
          return;
        }
      } catch (IllegalArgumentException e) {
        add(at, "bad pattern: " + e.getMessage());
        return;
      }
      add(at, "use upper, lower, title, capitalize, trim, number:<pattern> or date:<pattern>");
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

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean isPositiveDuration(String text) {
    try {
      Duration d = Duration.parse(text);
      return !d.isNegative() && !d.isZero();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
