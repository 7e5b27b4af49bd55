package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactProblem;
import dev.automap.workers.contacts.Pipelines;
import dev.automap.workers.store.Contact;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * {@code upsert_opportunity}: creates the contact's opportunity in the pipeline (which the account
 * must have), or moves and updates the one it has. Unset fields keep their value; a new opportunity
 * starts in the first stage, open, named after the contact.
 */
@Singleton
public class UpsertOpportunityHandler implements ActionHandler<UpsertOpportunityStep> {
  private final ActionLedger ledger;
  private final Pipelines pipelines;
  private final ContactChanges contacts;
  private final ActionTemplates templates;

  public UpsertOpportunityHandler(
      ActionLedger ledger,
      Pipelines pipelines,
      ContactChanges contacts,
      ActionTemplates templates) {
    this.ledger = ledger;
    this.pipelines = pipelines;
    this.contacts = contacts;
    this.templates = templates;
  }

  @Override
  public Class<UpsertOpportunityStep> stepType() {
    return UpsertOpportunityStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, UpsertOpportunityStep step) {
    if (step.pipeline() == null || step.pipeline().isBlank()) {
      throw ActionFailures.badInput("upsert_opportunity needs a pipeline");
    }
    return ledger.once(
        request,
        step,
        () -> {
          var r = templates.of(request);
          String name = blankToNull(r.text(step.opportunityName()));
          String valueText = blankToNull(r.text(step.value()));
          BigDecimal value = null;
          if (valueText != null) {
            try {
              value = new BigDecimal(valueText.replace(",", "").trim());
            } catch (NumberFormatException e) {
              throw new ContactProblem("/value", "\"" + valueText + "\" is not an amount");
            }
          }
          String status =
              step.status() == null ? null : step.status().name().toLowerCase(Locale.ROOT);
          Contact contact = contacts.lock(request.accountId(), request.contactId());
          var upserted =
              pipelines.upsertOpportunity(
                  request.accountId(),
                  request.contactId(),
                  step.pipeline(),
                  blankToNull(step.stage()),
                  name,
                  value,
                  status,
                  defaultName(contact),
                  request.source());
          if (upserted.created()) {
            return ActionResult.done(
                "created " + upserted.opportunityId() + " in " + step.pipeline());
          }
          return upserted.changed().isEmpty()
              ? ActionResult.unchanged(upserted.opportunityId() + " had these values")
              : ActionResult.done(
                  "changed "
                      + String.join(", ", upserted.changed())
                      + " of "
                      + upserted.opportunityId());
        });
  }

  private static String defaultName(Contact c) {
    String full =
        ((c.firstName() == null ? "" : c.firstName())
                + " "
                + (c.lastName() == null ? "" : c.lastName()))
            .trim();
    if (!full.isEmpty()) {
      return full;
    }
    return c.email() != null ? c.email() : c.phone() != null ? c.phone() : c.id();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
