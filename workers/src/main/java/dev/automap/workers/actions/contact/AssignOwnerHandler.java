package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.UserRepository;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code assign_owner}: makes a user the contact's owner, or the next of {@code rotate} in turn
 * (round robin, counted per account, automation and step, a turn taken once per key). With {@code
 * onlyIfUnassigned}, a contact that has an owner keeps it and takes no turn.
 */
@Singleton
public class AssignOwnerHandler implements ActionHandler<AssignOwnerStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final UserRepository users;

  public AssignOwnerHandler(ActionLedger ledger, ContactChanges contacts, UserRepository users) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.users = users;
  }

  @Override
  public Class<AssignOwnerStep> stepType() {
    return AssignOwnerStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AssignOwnerStep step) {
    boolean hasUser = step.user() != null && !step.user().isBlank();
    boolean hasRotation = step.rotate() != null && !step.rotate().isEmpty();
    if (hasUser == hasRotation) {
      throw ActionFailures.badInput("assign_owner needs either user or rotate");
    }
    return ledger.once(
        request,
        step,
        () -> {
          Contact contact = contacts.lock(request.accountId(), request.contactId());
          if (Boolean.TRUE.equals(step.onlyIfUnassigned()) && contact.ownerId() != null) {
            return ActionResult.skipped("the contact already has owner " + contact.ownerId());
          }
          List<String> candidates =
              contacts.validUsers(
                  request.accountId(), hasUser ? List.of(step.user()) : step.rotate());
          String owner = hasUser ? candidates.getFirst() : nextInTurn(request, candidates);
          List<String> changed =
              contacts.update(
                  request.accountId(),
                  request.contactId(),
                  new ContactPatch().put("ownerId", owner),
                  request.source());
          String how = hasUser ? "" : " (round robin)";
          return changed.isEmpty()
              ? ActionResult.unchanged("already owned by " + owner + how)
              : ActionResult.done("assigned to " + owner + how);
        });
  }

  private String nextInTurn(ActionRequest request, List<String> rotation) {
    String automation = request.automationKey() == null ? "" : request.automationKey();
    users.advanceRotation(request.accountId(), automation, request.stepName());
    long turns = users.rotationTurns(request.accountId(), automation, request.stepName());
    return rotation.get((int) ((turns - 1) % rotation.size()));
  }

  /** In a preview: the user, or the first of the rotation, becomes the owner. */
  public static ActionResult preview(AssignOwnerStep step, ActionPreview.Scope scope) {
    if (Boolean.TRUE.equals(step.onlyIfUnassigned()) && scope.contact().get("ownerId") != null) {
      return ActionResult.unchanged("already assigned");
    }
    String owner = step.user() != null ? step.user() : step.rotate().getFirst();
    scope.contact().set("ownerId", owner);
    return ActionResult.done("owner " + owner);
  }
}
