package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.CreateContactStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.contacts.ContactDirectory.ContactView;
import dev.automap.workers.contacts.ContactProblem;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code create_contact}: creates a contact from templates, or finds the one the account has with
 * that email (else phone), and saves its id under {@code saveAs}. A retry hands back the same id.
 */
@Singleton
public class CreateContactHandler implements ActionHandler<CreateContactStep> {
  private final ActionLedger ledger;
  private final ContactChanges changes;
  private final ContactDirectory directory;
  private final ActionTemplates templates;

  public CreateContactHandler(
      ActionLedger ledger,
      ContactChanges changes,
      ContactDirectory directory,
      ActionTemplates templates) {
    this.ledger = ledger;
    this.changes = changes;
    this.directory = directory;
    this.templates = templates;
  }

  @Override
  public Class<CreateContactStep> stepType() {
    return CreateContactStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, CreateContactStep step) {
    var c = step.contact();
    if (c == null) {
      throw ActionFailures.badInput("create_contact needs a contact");
    }
    return ledger.once(
        request,
        step,
        () -> {
          var r = templates.of(request);
          String email = blankToNull(r.text(c.email()));
          String phone = blankToNull(r.text(c.phone()));
          if (email == null && phone == null) {
            throw new ContactProblem(
                "/contact", "create_contact needs an email or a phone (both rendered empty)");
          }
          Optional<ContactView> existing =
              email != null
                  ? directory.findByEmail(request.accountId(), email)
                  : directory.findByPhone(request.accountId(), phone);
          if (existing.isPresent()) {
            String id = existing.get().contact().id();
            return ActionResult.unchanged(
                    "found " + id + " by " + (email != null ? "email" : "phone"))
                .withOutput(output(step, id));
          }
          Map<String, Object> fields = new LinkedHashMap<>();
          if (c.fields() != null) {
            c.fields()
                .forEach(
                    (name, template) -> {
                      String value = r.text(template);
                      if (value != null && !value.isBlank()) {
                        fields.put(name, value);
                      }
                    });
          }
          var created =
              changes.create(
                  request.accountId(),
                  new ContactDirectory.NewContact(
                      email,
                      phone,
                      blankToNull(r.text(c.firstName())),
                      blankToNull(r.text(c.lastName())),
                      null,
                      null,
                      null,
                      fields,
                      null,
                      null),
                  request.source());
          String id = created.contact().id();
          return ActionResult.done("created " + id).withOutput(output(step, id));
        });
  }

  private static Map<String, Object> output(CreateContactStep step, String id) {
    return step.saveAs() == null ? null : Map.of(step.saveAs(), id);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
