package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.SetCustomValueStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.AccountValues;
import jakarta.inject.Singleton;

/** {@code set_custom_value}: sets the account custom value {@code name} to a rendered template. */
@Singleton
public class SetCustomValueHandler implements ActionHandler<SetCustomValueStep> {
  private final ActionLedger ledger;
  private final AccountValues values;
  private final ActionTemplates templates;

  public SetCustomValueHandler(
      ActionLedger ledger, AccountValues values, ActionTemplates templates) {
    this.ledger = ledger;
    this.values = values;
    this.templates = templates;
  }

  @Override
  public Class<SetCustomValueStep> stepType() {
    return SetCustomValueStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, SetCustomValueStep step) {
    if (step.customValue() == null || step.customValue().isBlank()) {
      throw ActionFailures.badInput("set_custom_value needs a name");
    }
    if (step.value() == null) {
      throw ActionFailures.badInput("set_custom_value needs a value");
    }
    return ledger.once(
        request,
        step,
        () -> {
          String value = templates.of(request).text(step.value());
          boolean changed =
              values.set(
                  request.accountId(),
                  step.customValue(),
                  value,
                  request.contactId(),
                  request.source());
          return changed
              ? ActionResult.done("set " + step.customValue())
              : ActionResult.unchanged(step.customValue() + " had this value");
        });
  }
}
