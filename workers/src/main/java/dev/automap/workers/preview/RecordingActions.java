package dev.automap.workers.preview;

import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AdjustScoreStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.RemoveTagsStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.templates.TemplateRenderer;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.contact.AdjustScoreHandler;
import dev.automap.workers.contacts.ContactProblem;
import io.temporal.activity.Activity;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for every action: nothing leaves the process. Contact changes apply to the {@link
 * SimulatedContact} so later decisions see them; messages are rendered and recorded. A repeated key
 * is answered as before, as a real action's ledger would.
 */
public final class RecordingActions implements DynamicActivity {
  /** One action as performed. */
  public record Performed(
      String type, ActionRequest request, ActionStep step, ActionResult result) {}

  private final SimulatedContact contact;
  private final Map<String, ActionResult> done = new LinkedHashMap<>();
  public final List<Performed> performed = new CopyOnWriteArrayList<>();

  private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private volatile java.util.Set<String> performable;

  public RecordingActions(SimulatedContact contact) {
    this.contact = contact;
  }

  /**
   * The action types the engine can perform: any other is shown as {@code unavailable}, as
   * publishing would refuse it (null: every type counts as available).
   */
  public RecordingActions performable(java.util.Set<String> types) {
    this.performable = types;
    return this;
  }

  /** Makes every action of this type fail for good, to preview a map's {@code onError} paths. */
  public RecordingActions failing(String type) {
    failing.add(type);
    return this;
  }

  @Override
  public Object execute(EncodedValues args) {
    String type = Activity.getExecutionContext().getInfo().getActivityType();
    ActionRequest request = args.get(0, ActionRequest.class);
    ActionStep step = args.get(1, ActionStep.class);
    Instant now =
        Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
    return perform(type, request, step, now);
  }

  public synchronized ActionResult perform(
      String type, ActionRequest request, ActionStep step, Instant now) {
    if (failing.contains(type)) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          type + " failed (as asked)", "PreviewFailure");
    }
    ActionResult earlier = done.get(request.idempotencyKey());
    if (earlier != null) {
      return earlier;
    }
    ActionResult result = apply(type, request, step, now);
    java.util.Set<String> known = performable;
    if (known != null && !known.contains(type)) {
      result =
          new ActionResult(
              "unavailable", result.detail() + " (this server cannot do this yet)", null, false);
    }
    done.put(request.idempotencyKey(), result);
    performed.add(new Performed(type, request, step, result));
    return result;
  }

  private ActionResult apply(String type, ActionRequest request, ActionStep step, Instant now) {
    Facts facts =
        Facts.at(now)
            .withContact(contact.snapshot())
            .withVars(request.vars())
            .withEvent(request.event() == null ? Map.of() : request.event());
    TemplateRenderer templates = TemplateRenderer.shared();
    return switch (step) {
      case AddTagsStep t -> {
        List<String> added = contact.addTags(render(t.tags(), facts));
        yield added.isEmpty()
            ? ActionResult.unchanged("no tag to add")
            : ActionResult.done("added " + String.join(", ", added));
      }
      case RemoveTagsStep t -> {
        List<String> removed = contact.removeTags(render(t.tags(), facts));
        yield removed.isEmpty()
            ? ActionResult.unchanged("no tag to remove")
            : ActionResult.done("removed " + String.join(", ", removed));
      }
      case UpdateContactStep u -> {
        List<String> changed = new ArrayList<>();
        if (u.set() != null) {
          u.set()
              .forEach(
                  (path, template) -> {
                    contact.set(path, templates.renderText(template, facts));
                    changed.add(path);
                  });
        }
        if (u.clear() != null) {
          u.clear()
              .forEach(
                  path -> {
                    contact.set(path, null);
                    changed.add(path);
                  });
        }
        yield ActionResult.done("updated " + String.join(", ", changed));
      }
      case IncrementFieldStep i -> {
        Object current = contact.get(i.field());
        BigDecimal value = current == null ? BigDecimal.ZERO : new BigDecimal(current.toString());
        BigDecimal next = value.add(i.by() == null ? BigDecimal.ONE : i.by());
        contact.set(
            i.field(),
            next.stripTrailingZeros().scale() <= 0
                ? (Object) next.longValueExact()
                : next.doubleValue());
        yield ActionResult.done(i.field() + " = " + next.stripTrailingZeros().toPlainString());
      }
      case AdjustScoreStep a -> {
        if (a.by() == null) {
          throw ActionFailures.badInput("adjust_score needs by");
        }
        int before = contact.get("score") instanceof Number n ? n.intValue() : 0;
        int score;
        try {
          score = AdjustScoreHandler.adjusted(before, a.by());
        } catch (ContactProblem e) {
          throw ActionFailures.badInput(type + ": " + e.getMessage(), e);
        }
        contact.set("score", score);
        yield ActionResult.done("score = " + score);
      }
      case SetDndStep d -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> dnd =
            contact.get("dnd") instanceof Map<?, ?> m
                ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        boolean on = d.enabled() == null || d.enabled(); // as the real action: absent means on
        String channel = String.valueOf(d.channel()).toLowerCase();
        for (String c :
            "all".equals(channel) ? List.of("email", "sms", "whatsapp") : List.of(channel)) {
          dnd.put(c, on);
        }
        contact.set("dnd", dnd);
        yield ActionResult.done("dnd " + channel + " " + (on ? "on" : "off"));
      }
      case AssignOwnerStep a -> {
        if (Boolean.TRUE.equals(a.onlyIfUnassigned()) && contact.get("ownerId") != null) {
          yield ActionResult.unchanged("already assigned");
        }
        String owner = a.user() != null ? a.user() : a.rotate().getFirst();
        contact.set("ownerId", owner);
        yield ActionResult.done("owner " + owner);
      }
      case UnassignOwnerStep u -> {
        contact.set("ownerId", null);
        yield ActionResult.done("owner removed");
      }
      case DeleteContactStep d -> new ActionResult("done", "contact deleted", null, true);
      case SendEmailStep e ->
          message(
              "email",
              "email",
              "email \""
                  + templates.renderText(e.subject() == null ? "" : e.subject(), facts)
                  + "\"");
      case SendSmsStep s ->
          message(
              "sms",
              "phone",
              "sms \"" + templates.renderText(s.body() == null ? "" : s.body(), facts) + "\"");
      case SendWhatsappStep s ->
          message(
              "whatsapp",
              "phone",
              "whatsapp \"" + templates.renderText(s.body() == null ? "" : s.body(), facts) + "\"");
      default -> ActionResult.done("would " + type.replace('_', ' '));
    };
  }

  /** A message to the contact, held back as the real action would: no address, or DND on. */
  private ActionResult message(String channel, String addressPath, String what) {
    Object to = contact.get(addressPath);
    if (to == null || to.toString().isBlank()) {
      return "email".equals(channel)
          ? ActionResult.skipped(what + " not sent: no email address")
          : new ActionResult("suppressed", what + " not sent: no phone", null, false);
    }
    if (contact.get("dnd") instanceof Map<?, ?> dnd
        && (Boolean.TRUE.equals(dnd.get(channel)) || Boolean.TRUE.equals(dnd.get("all")))) {
      return new ActionResult(
          "suppressed", what + " not sent: DND is on for " + channel, null, false);
    }
    return ActionResult.done(what + " to " + to);
  }

  private static List<String> render(List<String> templates, Facts facts) {
    List<String> out = new ArrayList<>();
    for (String t : templates) {
      out.add(TemplateRenderer.shared().renderText(t, facts));
    }
    return out;
  }
}
