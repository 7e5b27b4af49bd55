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
import dev.automap.workers.actions.ActionOutcome;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.AfterAction;
import dev.automap.workers.actions.contact.AddTagsHandler;
import dev.automap.workers.actions.contact.AdjustScoreHandler;
import dev.automap.workers.actions.contact.AssignOwnerHandler;
import dev.automap.workers.actions.contact.DeleteContactHandler;
import dev.automap.workers.actions.contact.IncrementFieldHandler;
import dev.automap.workers.actions.contact.RemoveTagsHandler;
import dev.automap.workers.actions.contact.SetDndHandler;
import dev.automap.workers.actions.contact.UnassignOwnerHandler;
import dev.automap.workers.actions.contact.UpdateContactHandler;
import dev.automap.workers.actions.message.SendEmailHandler;
import dev.automap.workers.actions.message.SendSmsHandler;
import dev.automap.workers.actions.message.SendWhatsappHandler;
import io.temporal.activity.Activity;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for every action: nothing leaves the process. Each action shows its handler's preview
 * effect ({@link ActionPreview}): contact changes apply to the {@link SimulatedContact} so later
 * decisions see them, messages are rendered and recorded; an action without one is shown as {@code
 * would <type>}. A repeated key is answered as before, as a real action's ledger would.
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

  /** Judges the branch after an action on the same contact ({@link AfterAction}); null: none. */
  private volatile AfterAction.Judge judge;

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

  /** Records the run's end right after its last action ({@link AfterAction.End}); null: never. */
  private volatile AfterAction.Ender ender;

  /** Records the run's end after its last action, when the run asks, as the engine's actions do. */
  public RecordingActions ending(AfterAction.Ender ends) {
    this.ender = ends;
    return this;
  }

  /** Judges the branch right after an action, when the run asks, as the engine's actions do. */
  public RecordingActions judging(AfterAction.Judge facts) {
    this.judge = facts;
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
    ActionResult result = perform(type, request, step, now);
    AfterAction after = args.getSize() > 4 ? args.get(4, AfterAction.class) : null;
    AfterAction.Ender ends = ender;
    if (after != null && after.end() != null && !result.endsRun()) {
      return ends != null && ends.endAfter(request, after.end(), null)
          ? result.withEnded()
          : result;
    }
    AfterAction.Judge facts = judge;
    if (after == null || after.branch() == null || facts == null || result.endsRun()) {
      return result;
    }
    return result.withHolding(
        facts.holdingAfter(
            request, AfterAction.varsAfter(request.vars(), result.output()), now, after.branch()));
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
          ActionResult.of(
              ActionOutcome.UNAVAILABLE,
              result.detail() + " (this server cannot do this yet)",
              null,
              false);
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
    ActionPreview<ActionStep> effect = effect(step.getClass());
    return effect == null
        ? ActionResult.done("would " + type.replace('_', ' '))
        : effect.apply(step, new ActionPreview.Scope(contact, facts));
  }

  /** The actions with an effect a preview shows; each is its handler's {@code preview}. */
  private static final Map<Class<?>, ActionPreview<?>> EFFECTS =
      Map.ofEntries(
          effect(AddTagsStep.class, AddTagsHandler::preview),
          effect(RemoveTagsStep.class, RemoveTagsHandler::preview),
          effect(UpdateContactStep.class, UpdateContactHandler::preview),
          effect(IncrementFieldStep.class, IncrementFieldHandler::preview),
          effect(AdjustScoreStep.class, AdjustScoreHandler::preview),
          effect(SetDndStep.class, SetDndHandler::preview),
          effect(AssignOwnerStep.class, AssignOwnerHandler::preview),
          effect(UnassignOwnerStep.class, UnassignOwnerHandler::preview),
          effect(DeleteContactStep.class, DeleteContactHandler::preview),
          effect(SendEmailStep.class, SendEmailHandler::preview),
          effect(SendSmsStep.class, SendSmsHandler::preview),
          effect(SendWhatsappStep.class, SendWhatsappHandler::preview));

  private static <S extends ActionStep> Map.Entry<Class<?>, ActionPreview<?>> effect(
      Class<S> step, ActionPreview<S> preview) {
    return Map.entry(step, preview);
  }

  @SuppressWarnings("unchecked")
  private static ActionPreview<ActionStep> effect(Class<?> step) {
    return (ActionPreview<ActionStep>) EFFECTS.get(step);
  }
}
