package dev.automap.workers.actions.message;

import dev.automap.definitions.model.SendSmsStep;
import dev.automap.workers.actions.ActionHandler;
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
}
