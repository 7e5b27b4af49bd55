package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.AdjustScoreStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import dev.automap.workers.contacts.ContactProblem;
import jakarta.inject.Singleton;

/** {@code adjust_score}: adds {@code by} (negative lowers) to the contact's score. */
@Singleton
public class AdjustScoreHandler implements ActionHandler<AdjustScoreStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;

  public AdjustScoreHandler(ActionLedger ledger, ContactChanges contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  @Override
  public Class<AdjustScoreStep> stepType() {
    return AdjustScoreStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AdjustScoreStep step) {
    if (step.by() == null) {
      throw ActionFailures.badInput("adjust_score needs by");
    }
    return ledger.once(
        request,
        step,
        () -> {
          int before = contacts.lock(request.accountId(), request.contactId()).score();
          int after;
          try {
            after = Math.addExact(before, step.by());
          } catch (ArithmeticException e) {
            throw new ContactProblem(
                "/by", "score " + before + " + " + step.by() + " is out of range");
          }
          var changed =
              contacts.update(
                  request.accountId(),
                  request.contactId(),
                  new ContactPatch().put("score", after),
                  request.source());
          return changed.isEmpty()
              ? ActionResult.unchanged("score stays " + before)
              : ActionResult.done("score " + before + " → " + after);
        });
  }

  /** In a preview: the score goes up or down by {@code by}. */
  public static ActionResult preview(AdjustScoreStep step, ActionPreview.Scope scope) {
    Object current = scope.contact().get("score");
    long score =
        (current == null ? 0 : Long.parseLong(current.toString()))
            + (step.by() == null ? 0 : step.by());
    scope.contact().set("score", score);
    return ActionResult.done("score = " + score);
  }
}
