package dev.automap.app.people;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.contacts.Appointments;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Appointment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * Appointments with contacts: booking raises {@code appointment.booked}, a status change {@code
 * appointment.status_changed}, as the {@code update_appointment_status} step's changes do.
 */
@Controller("/v1/appointments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppointmentController {
  private final Appointments appointments;
  private final ContactDirectory contacts;

  public AppointmentController(Appointments appointments, ContactDirectory contacts) {
    this.appointments = appointments;
    this.contacts = contacts;
  }

  /** A booking; an {@code id} makes a repeated request book nothing twice. */
  @Serdeable
  public record NewAppointment(
      @Nullable String id,
      @Nullable String contactId,
      @Nullable String title,
      @Nullable String startsAt,
      @Nullable String endsAt,
      @Nullable String calendar) {}

  /** A change: each value present is set; {@code status} raises its event. */
  @Serdeable
  public record AppointmentPatch(
      @Nullable String status,
      @Nullable String title,
      @Nullable String startsAt,
      @Nullable String endsAt,
      @Nullable String calendar) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record AppointmentBody(
      String id,
      String contactId,
      @Nullable String title,
      Instant startsAt,
      @Nullable Instant endsAt,
      @Nullable String calendar,
      String status) {
    static AppointmentBody of(Appointment a) {
      return new AppointmentBody(
          a.id(), a.contactId(), a.title(), a.startsAt(), a.endsAt(), a.calendar(), a.status());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record AppointmentPage(List<AppointmentBody> items, @Nullable String cursor) {}

  @Post
  public HttpResponse<AppointmentBody> book(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body NewAppointment body) {
    if (body.contactId() == null || body.contactId().isBlank()) {
      throw Pages.invalid("/contactId", "required: the contact the appointment is with");
    }
    if (body.startsAt() == null) {
      throw Pages.invalid("/startsAt", "required: when the appointment starts");
    }
    String id = body.id() == null || body.id().isBlank() ? null : body.id().strip();
    contacts.get(account, body.contactId());
    var booking =
        appointments.book(
            account,
            id,
            body.contactId(),
            body.title(),
            Pages.instant(body.startsAt(), "/startsAt"),
            Pages.instant(body.endsAt(), "/endsAt"),
            body.calendar(),
            EventSource.api());
    var answer = AppointmentBody.of(booking.appointment());
    return booking.booked() ? HttpResponse.created(answer) : HttpResponse.ok(answer);
  }

  @Get
  public AppointmentPage list(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @Nullable @QueryValue String contactId,
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String calendar,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String cursor) {
    int size = Pages.limit(limit);
    int offset = Pages.offset(cursor);
    var page = appointments.page(account, contactId, status, calendar, size + 1, offset);
    return new AppointmentPage(
        page.stream().limit(size).map(AppointmentBody::of).toList(),
        Pages.next(page.size(), size, offset));
  }

  @Get("/{id}")
  public AppointmentBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return AppointmentBody.of(found(account, id));
  }

  @Patch("/{id}")
  public AppointmentBody change(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String id,
      @Body AppointmentPatch body) {
    if (body.status() != null && !Appointments.STATUSES.contains(body.status())) {
      throw Pages.invalid(
          "/status",
          "an appointment's status is one of " + String.join(", ", Appointments.STATUSES));
    }
    Appointment before = found(account, id);
    Instant startsAt = Pages.instant(body.startsAt(), "/startsAt");
    Instant endsAt = Pages.instant(body.endsAt(), "/endsAt");
    if (body.title() != null || startsAt != null || endsAt != null || body.calendar() != null) {
      appointments.reschedule(account, id, body.title(), startsAt, endsAt, body.calendar());
    }
    if (body.status() != null) {
      appointments.changeStatus(account, before.contactId(), id, body.status(), EventSource.api());
    }
    return AppointmentBody.of(found(account, id));
  }

  private Appointment found(String account, String id) {
    return appointments
        .get(account, id)
        .orElseThrow(() -> ApiProblem.notFound("no appointment " + id));
  }
}
