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

  /**
   * The score after adding {@code by}: the one arithmetic of the action and of its preview.
   *
   * @throws ContactProblem when the sum leaves the range of a score (a 32-bit integer)
   */
  public static int adjusted(int before, int by) {
    try {
      return Math.addExact(before, by);
    } catch (ArithmeticException e) {
      throw new ContactProblem("/by", "score " + before + " + " + by + " is out of range");
    }
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
          int after = adjusted(before, step.by());
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

  /**
   * In a preview: the score goes up or down by {@code by}, with the action's own arithmetic, and
   * fails where the action fails (no {@code by}, a sum out of range).
   */
  public static ActionResult preview(AdjustScoreStep step, ActionPreview.Scope scope) {
    if (step.by() == null) {
      throw ActionFailures.badInput("adjust_score needs by");
    }
    int before = scope.contact().get("score") instanceof Number n ? n.intValue() : 0;
    int score;
    try {
      score = adjusted(before, step.by());
    } catch (ContactProblem e) {
      throw ActionFailures.badInput("adjust_score: " + e.getMessage(), e);
    }
    scope.contact().set("score", score);
    return ActionResult.done("score = " + score);
  }
}
