package dev.automap.workers.actions.message;

import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.messages.Messages;

/** A message held back: recorded as {@code suppressed}, and the run told why. */
final class Held {
  private Held() {}

  static ActionResult back(
      Messages messages, ActionRequest request, Messages.Draft draft, String reason) {
    messages.suppress(request, draft, reason);
    return ActionResult.suppressed(draft.channel() + " not sent: " + reason);
  }
}
