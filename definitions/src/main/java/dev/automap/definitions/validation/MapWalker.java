package dev.automap.definitions.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.conditions.AllOf;
import dev.automap.definitions.conditions.AnyOf;
import dev.automap.definitions.conditions.CelCondition;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.EventMatch;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Not;
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
import dev.automap.definitions.model.NewContact;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.PauseEnrollmentStep;
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
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.definitions.model.UnenrollStep;
import dev.automap.definitions.model.UpdateAppointmentStatusStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.definitions.model.WebhookStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds every condition, CEL expression and template in a map, each with its JSON Pointer, so that
 * checks on them (compiling CEL, parsing templates) need not know the map's shape. Tolerates any
 * map, valid or not: nulls are skipped, nesting is followed to a fixed depth.
 */
public final class MapWalker {
  /** Deeper conditions are reported by the validator and not walked. */
  static final int MAX_DEPTH = 64;

  /** Receives what the walk finds; every method has a do-nothing default. */
  public interface Visitor {
    /** A condition where the map names one (not its nested parts). */
    default void condition(String path, Condition condition) {}

    /** An event match (trigger-like {@code event} + {@code where} + {@code fromStep}). */
    default void eventMatch(String path, EventMatch match) {}

    /**
     * A CEL expression: a {@code cel} condition, at any depth, or a {@code set_var} {@code cel}.
     */
    default void cel(String path, String expression) {}

    /**
     * A CEL expression that gives a value rather than a truth ({@code set_var} {@code cel}); by
     * default passed on to {@link #cel}.
     */
    default void valueCel(String path, String expression) {
      cel(path, expression);
    }

    /** A string rendered as a template before use. */
    default void template(String path, String template) {}
  }

  /** A thing found, with its JSON Pointer. */
  public record Found<T>(String path, T value) {}

  private final Visitor visitor;

  private MapWalker(Visitor visitor) {
    this.visitor = visitor;
  }

  public static void walk(AutomationMap map, Visitor visitor) {
    new MapWalker(visitor).map(map);
  }

  /** Every template string of the map. */
  public static List<Found<String>> templates(AutomationMap map) {
    List<Found<String>> out = new ArrayList<>();
    walk(
        map,
        new Visitor() {
          @Override
          public void template(String path, String template) {
            out.add(new Found<>(path, template));
          }
        });
    return out;
  }

  /** Every CEL expression of the map. */
  public static List<Found<String>> celExpressions(AutomationMap map) {
    List<Found<String>> out = new ArrayList<>();
    walk(
        map,
        new Visitor() {
          @Override
          public void cel(String path, String expression) {
            out.add(new Found<>(path, expression));
          }
        });
    return out;
  }

  /** Every condition the map names (roots only; nested ones are inside them). */
  public static List<Found<Condition>> conditions(AutomationMap map) {
    List<Found<Condition>> out = new ArrayList<>();
    walk(
        map,
        new Visitor() {
          @Override
          public void condition(String path, Condition condition) {
            out.add(new Found<>(path, condition));
          }
        });
    return out;
  }

  private void map(AutomationMap map) {
    if (map == null) {
      return;
    }
    for (int i = 0; i < map.triggers().size(); i++) {
      String at = "/triggers/" + i;
      switch (map.triggers().get(i)) {
        case EventTrigger t -> condition(at + "/where", t.where());
        case SegmentTrigger t -> condition(at + "/segment", t.segment());
        case ScheduleTrigger t -> condition(at + "/audience", t.audience());
        case DateTrigger t -> {}
        case null -> {}
      }
    }
    Enrollment enrollment = map.enrollment();
    if (enrollment != null) {
      condition("/enrollment/audience", enrollment.audience());
      List<Match> exits = enrollment.exitWhen();
      for (int i = 0; exits != null && i < exits.size(); i++) {
        match("/enrollment/exitWhen/" + i, exits.get(i));
      }
    }
    for (int i = 0; i < map.steps().size(); i++) {
      step("/steps/" + i, map.steps().get(i));
    }
  }

  private void step(String at, Step step) {
    switch (step) {
      case null -> {}
      case WaitForStep s -> {
        eventMatch(at + "/event", s.event());
        condition(at + "/condition", s.condition());
      }
      case BranchStep s -> {
        for (int i = 0; s.branches() != null && i < s.branches().size(); i++) {
          Branch b = s.branches().get(i);
          if (b != null) {
            condition(at + "/branches/" + i + "/when", b.when());
          }
        }
      }
      case GoalStep s -> match(at + "/when", s.when());
      case SetVarStep s -> {
        template(at + "/value", s.value());
        if (s.cel() != null) {
          visitor.valueCel(at + "/cel", s.cel());
        }
      }
      case FormatStep s -> template(at + "/input", s.input());
      case CreateContactStep s -> {
        NewContact c = s.contact();
        if (c != null) {
          template(at + "/contact/email", c.email());
          template(at + "/contact/phone", c.phone());
          template(at + "/contact/firstName", c.firstName());
          template(at + "/contact/lastName", c.lastName());
          templates(at + "/contact/fields", c.fields());
        }
      }
      case FindContactStep s -> {
        ContactLookup by = s.by();
        if (by != null) {
          template(at + "/by/email", by.email());
          template(at + "/by/phone", by.phone());
          template(at + "/by/value", by.value());
        }
      }
      case UpdateContactStep s -> templates(at + "/set", s.set());
      case AddTagsStep s -> templates(at + "/tags", s.tags());
      case RemoveTagsStep s -> templates(at + "/tags", s.tags());
      case AddNoteStep s -> template(at + "/body", s.body());
      case CreateTaskStep s -> {
        template(at + "/title", s.title());
        template(at + "/body", s.body());
      }
      case SetCustomValueStep s -> template(at + "/value", s.value());
      case UpsertOpportunityStep s -> {
        template(at + "/name", s.opportunityName());
        template(at + "/value", s.value());
      }
      case UpdateAppointmentStatusStep s -> template(at + "/appointment", s.appointment());
      case SendEmailStep s -> {
        template(at + "/subject", s.subject());
        template(at + "/body", s.body());
        template(at + "/text", s.text());
        template(at + "/from", s.from());
        template(at + "/replyTo", s.replyTo());
      }
      case SendSmsStep s -> template(at + "/body", s.body());
      case SendWhatsappStep s -> template(at + "/body", s.body());
      case SendSlackStep s -> template(at + "/text", s.text());
      case NotifyStep s -> {
        template(at + "/subject", s.subject());
        template(at + "/body", s.body());
      }
      case WebhookStep s -> {
        template(at + "/url", s.url());
        templates(at + "/headers", s.headers());
        json(at + "/body", s.body(), 0);
      }
      case AiPromptStep s -> template(at + "/prompt", s.prompt());
      // no template, condition or expression in these: named, so that a new step type is a
      // compile error here rather than a step whose templates go unchecked
      case WaitStep s -> {}
      case SwitchStep s -> {}
      case SplitStep s -> {}
      case ForkStep s -> {}
      case DripStep s -> {}
      case EnrollStep s -> {}
      case UnenrollStep s -> {}
      case PauseEnrollmentStep s -> {}
      case ResumeEnrollmentStep s -> {}
      case EndStep s -> {}
      case IncrementFieldStep s -> {}
      case AssignOwnerStep s -> {}
      case UnassignOwnerStep s -> {}
      case SetDndStep s -> {}
      case DeleteContactStep s -> {}
      case AddFollowersStep s -> {}
      case RemoveFollowersStep s -> {}
      case AddToListStep s -> {}
      case RemoveFromListStep s -> {}
      case AdjustScoreStep s -> {}
      case CopyContactStep s -> {}
      case RemoveOpportunityStep s -> {}
    }
  }

  private void match(String at, Match match) {
    switch (match) {
      case Match.OnEvent e -> eventMatch(at, e.event());
      case Match.OnCondition c -> condition(at, c.condition());
      case null -> {}
    }
  }

  private void eventMatch(String at, EventMatch match) {
    if (match != null) {
      visitor.eventMatch(at, match);
      condition(at + "/where", match.where());
    }
  }

  private void condition(String at, Condition condition) {
    if (condition != null) {
      visitor.condition(at, condition);
      celIn(at, condition, 0);
    }
  }

  private void celIn(String at, Condition condition, int depth) {
    if (depth > MAX_DEPTH) {
      return;
    }
    switch (condition) {
      case CelCondition c -> cel(at + "/cel", c.cel());
      case AllOf a -> {
        for (int i = 0; i < a.all().size(); i++) {
          if (a.all().get(i) != null) {
            celIn(at + "/all/" + i, a.all().get(i), depth + 1);
          }
        }
      }
      case AnyOf a -> {
        for (int i = 0; i < a.any().size(); i++) {
          if (a.any().get(i) != null) {
            celIn(at + "/any/" + i, a.any().get(i), depth + 1);
          }
        }
      }
      case Not n -> {
        if (n.not() != null) {
          celIn(at + "/not", n.not(), depth + 1);
        }
      }
      case FieldCondition f -> {}
    }
  }

  private void cel(String at, String expression) {
    if (expression != null) {
      visitor.cel(at, expression);
    }
  }

  private void template(String at, String text) {
    if (text != null) {
      visitor.template(at, text);
    }
  }

  private void templates(String at, List<String> texts) {
    for (int i = 0; texts != null && i < texts.size(); i++) {
      template(at + "/" + i, texts.get(i));
    }
  }

  private void templates(String at, Map<String, String> texts) {
    if (texts != null) {
      texts.forEach((k, v) -> template(at + "/" + escape(k), v));
    }
  }

  /** A webhook body: a template string, or JSON whose string leaves are templates. */
  private void json(String at, JsonNode node, int depth) {
    if (node == null || depth > MAX_DEPTH) {
      return;
    }
    if (node.isTextual()) {
      template(at, node.textValue());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        json(at + "/" + i, node.get(i), depth + 1);
      }
    } else if (node.isObject()) {
      node.properties().forEach(e -> json(at + "/" + escape(e.getKey()), e.getValue(), depth + 1));
    }
  }

  static String escape(String key) {
    return key == null ? "" : key.replace("~", "~0").replace("/", "~1");
  }
}
