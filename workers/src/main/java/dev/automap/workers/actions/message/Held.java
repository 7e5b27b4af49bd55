package dev.automap.workers.actions.message;

import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.messages.Messages;
import java.util.Map;

/**
 * Messages held back: recorded as {@code suppressed} and the run told why, here and in previews.
 */
final class Held {
  private Held() {}

  static ActionResult back(
      Messages messages, ActionRequest request, Messages.Draft draft, String reason) {
    var held = messages.suppress(request, draft, reason);
    return ActionResult.suppressed(draft.channel() + " " + held.id() + " not sent: " + reason);
  }

  /**
   * A message to the contact in a preview, held back as the real action would: no address, or DND
   * on.
   */
  static ActionResult preview(
      ActionPreview.Scope scope, String channel, String addressPath, String what) {
    Object to = scope.contact().get(addressPath);
    if (to == null || to.toString().isBlank()) {
      return ActionResult.suppressed(
          what + " not sent: " + ("email".equals(channel) ? "no email address" : "no phone"));
    }
    if (scope.contact().get("dnd") instanceof Map<?, ?> dnd
        && (Boolean.TRUE.equals(dnd.get(channel)) || Boolean.TRUE.equals(dnd.get("all")))) {
      return ActionResult.suppressed(what + " not sent: DND is on for " + channel);
    }
    return ActionResult.done(what + " to " + to);
  }
}
