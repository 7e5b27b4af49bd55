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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/**
 * Appointments with contacts: booking raises {@code appointment.booked}, a status change {@code
 * appointment.status_changed}, as the {@code update_appointment_status} step's changes do.
 */
@Tag(name = "CRM")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
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

  @Operation(
      summary = "Book an appointment",
      description =
          "Books an appointment with a contact (contactId and startsAt required, instants in ISO-8601) and raises appointment.booked for the contact. An id makes a repeat book nothing twice: 201 when booked, 200 with the appointment already booked under that id.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"id\": \"apt_demo_ada\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Demo call\", \"startsAt\": \"2026-12-01T14:00:00Z\", \"endsAt\": \"2026-12-01T14:30:00Z\", \"calendar\": \"sales\"}"))))
  @ApiResponse(
      responseCode = "201",
      description = "The appointment, booked",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"apt_demo_ada\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Demo call\", \"startsAt\": \"2026-12-01T14:00:00Z\", \"endsAt\": \"2026-12-01T14:30:00Z\", \"calendar\": \"sales\", \"status\": \"confirmed\"}")))
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

  @Operation(
      summary = "List appointments",
      description =
          "The account's appointments, filtered by contactId, status and calendar; limit and the opaque cursor of the previous page page through them (cursor is null on the last page).")
  @ApiResponse(
      responseCode = "200",
      description = "A page of appointments",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"apt_4m8q2x9c1v7b3n5z0k6d\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Demo call\", \"startsAt\": \"2026-12-01T14:00:00Z\", \"endsAt\": \"2026-12-01T14:30:00Z\", \"calendar\": \"sales\", \"status\": \"confirmed\"}], \"cursor\": null}")))
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

  @Operation(
      summary = "Get an appointment",
      description = "One appointment by id; 404 when the account has none with it.")
  @ApiResponse(
      responseCode = "200",
      description = "The appointment",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"apt_4m8q2x9c1v7b3n5z0k6d\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Demo call\", \"startsAt\": \"2026-12-01T14:00:00Z\", \"endsAt\": \"2026-12-01T14:30:00Z\", \"calendar\": \"sales\", \"status\": \"confirmed\"}")))
  @Get("/{id}")
  public AppointmentBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return AppointmentBody.of(found(account, id));
  }

  @Operation(
      summary = "Change an appointment",
      description =
          "Sets each value given: title, startsAt, endsAt and calendar reschedule it; status (confirmed, cancelled, showed, no_show or invalid) changes its status and raises appointment.status_changed. Answers the appointment after the change.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(name = "request", value = "{\"status\": \"showed\"}"))))
  @ApiResponse(
      responseCode = "200",
      description = "The appointment, changed",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"apt_4m8q2x9c1v7b3n5z0k6d\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Demo call\", \"startsAt\": \"2026-12-01T14:00:00Z\", \"endsAt\": \"2026-12-01T14:30:00Z\", \"calendar\": \"sales\", \"status\": \"showed\"}")))
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
