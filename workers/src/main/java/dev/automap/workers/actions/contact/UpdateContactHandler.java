package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code update_contact}: sets values to rendered templates and clears others; a template that
 * renders empty clears too. Paths as in {@link ContactPatch} ({@code firstName}, {@code
 * fields.plan}, {@code contact.fields.plan}…). One {@code contact.updated} names what changed; none
 * when nothing did.
 */
@Singleton
public class UpdateContactHandler implements ActionHandler<UpdateContactStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public UpdateContactHandler(
      ActionLedger ledger, ContactChanges contacts, ActionTemplates templates) {
    this.ledger = ledger;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<UpdateContactStep> stepType() {
    return UpdateContactStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, UpdateContactStep step) {
    boolean noSet = step.set() == null || step.set().isEmpty();
    boolean noClear = step.clear() == null || step.clear().isEmpty();
    if (noSet && noClear) {
      throw ActionFailures.badInput("update_contact needs set or clear");
    }
    for (String path : noSet ? List.<String>of() : step.set().keySet()) {
      requirePath(path);
    }
    for (String path : noClear ? List.<String>of() : step.clear()) {
      requirePath(path);
    }
    return ledger.once(
        request,
        step,
        () -> {
          var r = templates.of(request);
          ContactPatch patch = new ContactPatch();
          if (!noSet) {
            step.set().forEach((path, template) -> patch.put(path, r.text(template)));
          }
          if (!noClear) {
            step.clear().forEach(path -> patch.put(path, null));
          }
          List<String> changed =
              contacts.update(request.accountId(), request.contactId(), patch, request.source());
          return changed.isEmpty()
              ? ActionResult.unchanged("the contact had these values")
              : ActionResult.done("changed " + String.join(", ", changed));
        });
  }

  private static void requirePath(String path) {
    if (ContactPatch.canonical(path) == null) {
      throw ActionFailures.badInput(
          "update_contact cannot set "
              + path
              + ": use email, phone, firstName, lastName, "
              + "timezone, ownerId, score, fields.<name> or dnd.<channel>");
    }
  }

  /** In a preview: each value is set to its rendered template, each cleared one removed. */
  public static ActionResult preview(UpdateContactStep step, ActionPreview.Scope scope) {
    List<String> changed = new ArrayList<>();
    if (step.set() != null) {
      step.set()
          .forEach(
              (path, template) -> {
                scope.contact().set(path, scope.text(template));
                changed.add(path);
              });
    }
    if (step.clear() != null) {
      step.clear()
          .forEach(
              path -> {
                scope.contact().set(path, null);
                changed.add(path);
              });
    }
    return ActionResult.done("updated " + String.join(", ", changed));
  }
}
