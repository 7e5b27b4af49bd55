package dev.automap.definitions.validation;

import dev.automap.definitions.conditions.CelCondition;
import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.Enrollment;
import dev.automap.definitions.model.EventTrigger;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.Match;
import dev.automap.definitions.model.OnError;
import dev.automap.definitions.model.QuietHours;
import dev.automap.definitions.model.ScheduleTrigger;
import dev.automap.definitions.model.SegmentTrigger;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.Successor;
import dev.automap.definitions.model.Trigger;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.templates.TemplateRenderer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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

  private static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9_?.-]{1,64}");

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
  private final class Run extends Checks {
    Run(AutomationMap map) {
      super(map);
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
      StepRule.checkStep(step, at, this);
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
  }
}
