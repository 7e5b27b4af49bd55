package dev.automap.workers.actions.message;

import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import jakarta.inject.Singleton;

/** {@code send_whatsapp}: see {@link TextMessageHandlers}. */
@Singleton
public class SendWhatsappHandler implements ActionHandler<SendWhatsappStep> {
  private final TextMessageHandlers texts;

  public SendWhatsappHandler(TextMessageHandlers texts) {
    this.texts = texts;
  }

  @Override
  public Class<SendWhatsappStep> stepType() {
    return SendWhatsappStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, SendWhatsappStep step) {
    return texts.perform(request, step, "whatsapp", step.body());
  }

  /** In a preview: the body rendered; held back as here without a phone or with DND on. */
  public static ActionResult preview(SendWhatsappStep step, ActionPreview.Scope scope) {
    return Held.preview(
        scope,
        "whatsapp",
        "phone",
        "whatsapp \"" + scope.text(step.body() == null ? "" : step.body()) + "\"");
  }
}
