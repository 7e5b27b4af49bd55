package dev.automap.workers.contacts;

import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Appointment;
import dev.automap.workers.store.AppointmentRepository;
import dev.automap.workers.store.Ids;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contacts' appointments. Events: {@code appointment.booked} and {@code appointment.status_changed}
 * ({@code data.appointmentId}, {@code data.from}, {@code data.to}).
 */
@Singleton
public class Appointments {
  public static final String LATEST = "latest";
  public static final List<String> STATUSES =
      List.of("confirmed", "cancelled", "showed", "no_show", "invalid");

  private final AppointmentRepository appointments;
  private final ContactChanges contacts;
  private final EventLog events;

  public Appointments(
      AppointmentRepository appointments, ContactChanges contacts, EventLog events) {
    this.appointments = appointments;
    this.contacts = contacts;
    this.events = events;
  }

  /** Books a confirmed appointment and raises {@code appointment.booked}. */
  @Transactional
  public Appointment book(
      String accountId,
      String contactId,
      String title,
      Instant startsAt,
      Instant endsAt,
      EventSource source) {
    return book(accountId, null, contactId, title, startsAt, endsAt, null, source).appointment();
  }

  /** What booking did: the appointment, and whether this call booked it. */
  public record Booking(Appointment appointment, boolean booked) {}

  /**
   * Books a confirmed appointment and raises {@code appointment.booked}. With an id the account
   * already has, books nothing and raises nothing (a repeated request); that id must be the same
   * contact's.
   */
  @Transactional
  public Booking book(
      String accountId,
      String id,
      String contactId,
      String title,
      Instant startsAt,
      Instant endsAt,
      String calendar,
      EventSource source) {
    if (startsAt == null) {
      throw new ContactProblem("/startsAt", "an appointment needs a start");
    }
    if (endsAt != null && endsAt.isBefore(startsAt)) {
      throw new ContactProblem("/endsAt", "an appointment cannot end before it starts");
    }
    contacts.lock(accountId, contactId);
    if (id != null) {
      Optional<Appointment> known = appointments.findById(id);
      if (known.isPresent()) {
        if (!known.get().accountId().equals(accountId)
            || !known.get().contactId().equals(contactId)) {
          throw new ContactProblem("/id", "appointment id " + id + " is taken");
        }
        return new Booking(known.get(), false);
      }
    }
    Appointment booked =
        appointments.save(
            new Appointment(
                id == null ? Ids.next("apt") : id,
                accountId,
                contactId,
                title,
                startsAt,
                endsAt,
                "confirmed",
                calendar,
                null,
                null));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("appointmentId", booked.id());
    data.put("startsAt", startsAt.toString());
    if (title != null) {
      data.put("title", title);
    }
    if (calendar != null) {
      data.put("calendar", calendar);
    }
    events.raise(accountId, "appointment.booked", contactId, data, source);
    return new Booking(booked, true);
  }

  public Optional<Appointment> get(String accountId, String id) {
    return appointments.findByIdAndAccountId(id, accountId);
  }

  /** Latest start first; null filters match every appointment. */
  public List<Appointment> page(
      String accountId, String contactId, String status, String calendar, int limit, int offset) {
    if (status != null && !STATUSES.contains(status)) {
      throw new ContactProblem(
          "?status", "an appointment's status is one of " + String.join(", ", STATUSES));
    }
    return appointments.pageOf(accountId, contactId, status, calendar, limit, offset);
  }

  /**
   * Moves an appointment or renames it; a null leaves that value as it is. Raises nothing: a status
   * change goes through {@link #changeStatus}.
   */
  @Transactional
  public Appointment reschedule(
      String accountId,
      String id,
      String title,
      Instant startsAt,
      Instant endsAt,
      String calendar) {
    Appointment before =
        appointments
            .findByIdAndAccountId(id, accountId)
            .orElseThrow(() -> new ContactProblem("{id}", "no appointment " + id));
    contacts.lock(accountId, before.contactId());
    Appointment locked = appointments.lockOf(accountId, before.contactId(), id).orElseThrow();
    Instant start = startsAt == null ? locked.startsAt() : startsAt;
    Instant end = endsAt == null ? locked.endsAt() : endsAt;
    if (end != null && end.isBefore(start)) {
      throw new ContactProblem("/endsAt", "an appointment cannot end before it starts");
    }
    return appointments.update(
        new Appointment(
            locked.id(),
            accountId,
            locked.contactId(),
            title == null ? locked.title() : title,
            start,
            end,
            locked.status(),
            calendar == null ? locked.calendar() : calendar,
            locked.createdAt(),
            locked.updatedAt()));
  }

  /** What a status change found: the appointment, and its status before. */
  public record StatusChange(String appointmentId, String from, String to) {
    public boolean changed() {
      return !from.equals(to);
    }
  }

  /**
   * Sets the status of one of the contact's appointments.
   *
   * @param appointment its id, or {@code latest}: the contact's most recently booked one
   * @return empty when {@code latest} and the contact has none
   * @throws ContactProblem when the contact has no appointment of that id, or the status is unknown
   */
  @Transactional
  public Optional<StatusChange> changeStatus(
      String accountId, String contactId, String appointment, String status, EventSource source) {
    if (status == null || !STATUSES.contains(status)) {
      throw new ContactProblem(
          "/status", "an appointment's status is one of " + String.join(", ", STATUSES));
    }
    if (appointment == null || appointment.isBlank()) {
      throw new ContactProblem("/appointment", "no appointment named (an id, or latest)");
    }
    contacts.lock(accountId, contactId);
    Optional<Appointment> found =
        LATEST.equals(appointment.trim())
            ? appointments.lockLatest(accountId, contactId)
            : appointments.lockOf(accountId, contactId, appointment.trim());
    if (found.isEmpty()) {
      if (LATEST.equals(appointment.trim())) {
        return Optional.empty();
      }
      throw new ContactProblem(
          "/appointment", "the contact has no appointment " + appointment.trim());
    }
    Appointment before = found.get();
    var change = new StatusChange(before.id(), before.status(), status);
    if (change.changed()) {
      appointments.update(
          new Appointment(
              before.id(),
              accountId,
              contactId,
              before.title(),
              before.startsAt(),
              before.endsAt(),
              status,
              before.calendar(),
              before.createdAt(),
              before.updatedAt()));
      events.raise(
          accountId,
          "appointment.status_changed",
          contactId,
          Map.of("appointmentId", before.id(), "from", before.status(), "to", status),
          source);
    }
    return Optional.of(change);
  }
}
