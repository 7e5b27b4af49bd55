package dev.automap.workers.actions.crm;

import dev.automap.definitions.model.UpdateAppointmentStatusStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.contacts.Appointments;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * {@code update_appointment_status}: sets the status of one of the contact's appointments, named by
 * id (a template, e.g. {@code {{event.data.appointmentId}}}) or {@code latest} (the one booked
 * last). {@code latest} with no appointment is skipped; an id the contact has no appointment of
 * fails for good.
 */
@Singleton
public class UpdateAppointmentStatusHandler implements ActionHandler<UpdateAppointmentStatusStep> {
  private final ActionLedger ledger;
  private final Appointments appointments;
  private final ActionTemplates templates;

  public UpdateAppointmentStatusHandler(
      ActionLedger ledger, Appointments appointments, ActionTemplates templates) {
    this.ledger = ledger;
    this.appointments = appointments;
    this.templates = templates;
  }

  @Override
  public Class<UpdateAppointmentStatusStep> stepType() {
    return UpdateAppointmentStatusStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, UpdateAppointmentStatusStep step) {
    if (step.appointment() == null || step.appointment().isBlank()) {
      throw ActionFailures.badInput(
          "update_appointment_status needs an appointment (an id, or latest)");
    }
    if (step.status() == null) {
      throw ActionFailures.badInput("update_appointment_status needs a status");
    }
    String status = step.status().name().toLowerCase(Locale.ROOT);
    return ledger.once(
        request,
        step,
        () -> {
          String appointment = templates.of(request).text(step.appointment());
          var change =
              appointments.changeStatus(
                  request.accountId(), request.contactId(), appointment, status, request.source());
          if (change.isEmpty()) {
            return ActionResult.skipped("the contact has no appointment");
          }
          return change.get().changed()
              ? ActionResult.done(
                  change.get().appointmentId() + " " + change.get().from() + " → " + status)
              : ActionResult.unchanged(change.get().appointmentId() + " is " + status + " already");
        });
  }
}
