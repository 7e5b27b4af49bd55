package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.ContactLookup;
import dev.automap.definitions.model.FindContactStep;
import dev.automap.definitions.paths.ContactPath;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.ContactRepository;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * {@code find_contact}: finds a contact of the account by email, phone or a field's value
 * (templates) and saves its id under {@code saveAs}, or an empty string when there is none. A field
 * path is {@code fields.<name>} (or {@code contact.fields.<name>}), {@code email} or {@code phone}.
 * The result names the field searched, never the value (results are kept in history).
 */
@Singleton
public class FindContactHandler implements ActionHandler<FindContactStep> {
  private final ActionLedger ledger;
  private final ContactDirectory directory;
  private final ContactRepository contacts;
  private final ActionTemplates templates;

  public FindContactHandler(
      ActionLedger ledger,
      ContactDirectory directory,
      ContactRepository contacts,
      ActionTemplates templates) {
    this.ledger = ledger;
    this.directory = directory;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<FindContactStep> stepType() {
    return FindContactStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, FindContactStep step) {
    ContactLookup by = step.by();
    int ways =
        by == null
            ? 0
            : (by.email() != null ? 1 : 0)
                + (by.phone() != null ? 1 : 0)
                + (by.field() != null ? 1 : 0);
    if (ways != 1) {
      throw ActionFailures.badInput(
          "find_contact needs exactly one of by.email, by.phone, by.field");
    }
    ContactPath path = by.field() == null ? null : ContactPath.parse(by.field());
    String field = path == null ? by.field() : path.bare();
    if (field != null
        && (path == null
            || path.kind() == ContactPath.Kind.DND
            || path.kind() == ContactPath.Kind.VALUE
                && !field.equals("email")
                && !field.equals("phone"))) {
      throw ActionFailures.badInput(
          "find_contact cannot look up by " + by.field() + ": use email, phone or fields.<name>");
    }
    if (field != null && by.value() == null) {
      throw ActionFailures.badInput("find_contact by field needs a value");
    }
    return ledger.once(
        request,
        step,
        () -> {
          var r = templates.of(request);
          String what;
          String value;
          Optional<String> found;
          if (by.email() != null || "email".equals(field)) {
            what = "email";
            value = r.text(by.email() != null ? by.email() : by.value());
            found = directory.findByEmail(request.accountId(), value).map(v -> v.contact().id());
          } else if (by.phone() != null || "phone".equals(field)) {
            what = "phone";
            value = r.text(by.phone() != null ? by.phone() : by.value());
            found = directory.findByPhone(request.accountId(), value).map(v -> v.contact().id());
          } else {
            what = field;
            value = r.text(by.value());
            found =
                value == null || value.isBlank()
                    ? Optional.empty()
                    : contacts
                        .findFirstByField(request.accountId(), field.substring(7), value)
                        .map(Contact::id);
          }
          String id = found.orElse("");
          ActionResult result =
              found.isPresent()
                  ? ActionResult.done("found " + id + " by " + what)
                  : ActionResult.done("no contact with that " + what);
          return step.saveAs() == null ? result : result.withOutput(Map.of(step.saveAs(), id));
        });
  }
}
