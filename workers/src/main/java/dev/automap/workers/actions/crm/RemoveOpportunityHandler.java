package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.RemoveOpportunityStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.Pipelines;
import jakarta.inject.Singleton;

/** {@code remove_opportunity}: removes the contact's opportunity from the pipeline. */
@Singleton
public class RemoveOpportunityHandler implements ActionHandler<RemoveOpportunityStep> {
  private final ActionLedger ledger;
  private final Pipelines pipelines;

  public RemoveOpportunityHandler(ActionLedger ledger, Pipelines pipelines) {
    this.ledger = ledger;
    this.pipelines = pipelines;
  }

  @Override
  public Class<RemoveOpportunityStep> stepType() {
    return RemoveOpportunityStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, RemoveOpportunityStep step) {
    if (step.pipeline() == null || step.pipeline().isBlank()) {
      throw ActionFailures.badInput("remove_opportunity needs a pipeline");
    }
    return ledger.once(
        request,
        step,
        () -> {
          String removed =
              pipelines.removeOpportunity(
                  request.accountId(), request.contactId(), step.pipeline(), request.source());
          return removed == null
              ? ActionResult.unchanged("no opportunity in " + step.pipeline())
              : ActionResult.done("removed " + removed + " from " + step.pipeline());
        });
  }
}
