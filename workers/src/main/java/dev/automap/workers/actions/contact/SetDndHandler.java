package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.DndChannel;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code set_dnd}: turns do-not-disturb on (default) or off for a channel; {@code all} sets email,
 * sms and whatsapp alike. Messages check {@code contact.dnd.<channel>}.
 */
@Singleton
public class SetDndHandler implements ActionHandler<SetDndStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;

  public SetDndHandler(ActionLedger ledger, ContactChanges contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  @Override
  public Class<SetDndStep> stepType() {
    return SetDndStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, SetDndStep step) {
    if (step.channel() == null) {
      throw ActionFailures.badInput("set_dnd needs a channel: email, sms, whatsapp or all");
    }
    boolean on = step.enabled() == null || step.enabled();
    String channel =
        step.channel() == DndChannel.ALL ? "all" : step.channel().name().toLowerCase(Locale.ROOT);
    return ledger.once(
        request,
        step,
        () -> {
          var changed =
              contacts.update(
                  request.accountId(),
                  request.contactId(),
                  new ContactPatch().put("dnd." + channel, on),
                  request.source());
          String state = "DND " + (on ? "on" : "off") + " for " + channel;
          return changed.isEmpty()
              ? ActionResult.unchanged(state + " already")
              : ActionResult.done(state);
        });
  }

  /** In a preview: DND of the channel (each of them for {@code all}) is set; absent means on. */
  public static ActionResult preview(SetDndStep step, ActionPreview.Scope scope) {
    @SuppressWarnings("unchecked")
    Map<String, Object> dnd =
        scope.contact().get("dnd") instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    boolean on = step.enabled() == null || step.enabled();
    String channel = String.valueOf(step.channel()).toLowerCase();
    for (String c :
        "all".equals(channel) ? List.of("email", "sms", "whatsapp") : List.of(channel)) {
      dnd.put(c, on);
    }
    scope.contact().set("dnd", dnd);
    return ActionResult.done("dnd " + channel + " " + (on ? "on" : "off"));
  }
}
