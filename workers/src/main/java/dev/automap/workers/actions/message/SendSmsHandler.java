package dev.automap.workers.actions.message;

import dev.automap.definitions.model.SendSmsStep;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import jakarta.inject.Singleton;

/** {@code send_sms}: see {@link TextMessageHandlers}. */
@Singleton
public class SendSmsHandler implements ActionHandler<SendSmsStep> {
  private final TextMessageHandlers texts;

  public SendSmsHandler(TextMessageHandlers texts) {
    this.texts = texts;
  }

  @Override
  public Class<SendSmsStep> stepType() {
    return SendSmsStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, SendSmsStep step) {
    return texts.perform(request, step, "sms", step.body());
  }

  /** In a preview: the body rendered; held back as here without a phone or with DND on. */
  public static ActionResult preview(SendSmsStep step, ActionPreview.Scope scope) {
    return Held.preview(
        scope,
        "sms",
        "phone",
        "sms \"" + scope.text(step.body() == null ? "" : step.body()) + "\"");
  }
}
