package dev.automap.workers.timeline;

import dev.automap.workers.events.EventLog;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.ContactRepository;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import dev.automap.workers.store.EventRecord;
import dev.automap.workers.store.Note;
import dev.automap.workers.store.NoteRepository;
import dev.automap.workers.store.StepLogEntry;
import dev.automap.workers.store.Task;
import dev.automap.workers.store.TaskRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happened to a contact, newest first: its events, enrollments (start and end), what
 * automation steps did, notes and tasks.
 */
@Singleton
public class ContactTimeline {
  public static final int MAX_LIMIT = 500;

  /** Shown as their note or task, not again as an event. */
  private static final Set<String> SHOWN_OTHERWISE = Set.of("contact.note_added", "task.created");

  private final ContactRepository contacts;
  private final EventLog events;
  private final EnrollmentRepository enrollments;
  private final StepLog steps;
  private final NoteRepository notes;
  private final TaskRepository tasks;

  public ContactTimeline(
      ContactRepository contacts,
      EventLog events,
      EnrollmentRepository enrollments,
      StepLog steps,
      NoteRepository notes,
      TaskRepository tasks) {
    this.contacts = contacts;
    this.events = events;
    this.enrollments = enrollments;
    this.steps = steps;
    this.notes = notes;
    this.tasks = tasks;
  }

  /**
   * One thing that happened.
   *
   * @param kind {@code event enrollment step note task}
   * @param type the event type, {@code enrolled}/{@code ended}, the step type, {@code note}, {@code
   *     task}
   * @param summary in words
   */
  public record Item(
      Instant at, String kind, String type, String summary, Map<String, Object> data) {}

  /**
   * The contact's latest items, newest first.
   *
   * @throws ContactNotFound when the account has no such contact
   */
  public List<Item> of(String accountId, String contactId, int limit) {
    if (contacts.findByIdAndAccountId(contactId, accountId).isEmpty()) {
      throw new ContactNotFound(accountId, contactId);
    }
    int n = Math.max(1, Math.min(limit, MAX_LIMIT));
    List<Item> items = new ArrayList<>();
    for (EventRecord e : events.latestOf(accountId, contactId, n)) {
      if (!SHOWN_OTHERWISE.contains(e.type())) {
        Map<String, Object> data = new LinkedHashMap<>(e.data());
        data.put("eventId", e.id());
        data.put("source", e.source());
        items.add(new Item(e.occurredAt(), "event", e.type(), eventSummary(e), data));
      }
    }
    for (Enrollment en : enrollments.latestOf(accountId, contactId, n)) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("workflowId", en.workflowId());
      data.put("automationKey", en.automationKey());
      data.put("version", en.version());
      data.put("state", en.state());
      items.add(
          new Item(
              en.startedAt(),
              "enrollment",
              "enrolled",
              "enrolled in " + en.automationKey() + " (version " + en.version() + ")",
              data));
      if (en.endedAt() != null) {
        Map<String, Object> ended = new LinkedHashMap<>(data);
        if (en.reason() != null) {
          ended.put("reason", en.reason());
        }
        items.add(
            new Item(
                en.endedAt(),
                "enrollment",
                "ended",
                "left "
                    + en.automationKey()
                    + " ("
                    + en.state()
                    + (en.reason() == null ? "" : ": " + en.reason())
                    + ")",
                ended));
      }
    }
    for (StepLogEntry s : steps.latestOf(accountId, contactId, n)) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("workflowId", s.workflowId());
      if (s.automationKey() != null) {
        data.put("automationKey", s.automationKey());
      }
      data.put("stepId", s.stepId());
      data.put("outcome", s.outcome());
      String where = s.automationKey() == null ? s.stepId() : s.automationKey() + "/" + s.stepId();
      items.add(
          new Item(
              s.at(),
              "step",
              s.type(),
              where + ": " + s.outcome() + (s.detail() == null ? "" : ", " + s.detail()),
              data));
    }
    for (Note note : notes.latest(accountId, contactId, n)) {
      items.add(
          new Item(
              note.createdAt(),
              "note",
              "note",
              note.body(),
              Map.of("noteId", note.id(), "source", note.source())));
    }
    for (Task task : tasks.latest(accountId, contactId, n)) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("taskId", task.id());
      data.put("status", task.status());
      if (task.assigneeId() != null) {
        data.put("assigneeId", task.assigneeId());
      }
      if (task.dueAt() != null) {
        data.put("dueAt", task.dueAt().toString());
      }
      data.put("source", task.source());
      items.add(new Item(task.createdAt(), "task", "task", task.title(), data));
    }
    items.sort(Comparator.comparing(Item::at, Comparator.nullsLast(Comparator.reverseOrder())));
    return items.size() > n ? List.copyOf(items.subList(0, n)) : items;
  }

  private static String eventSummary(EventRecord e) {
    Map<String, Object> d = e.data();
    return switch (e.type()) {
      case "contact.tag_added" -> "tag " + d.get("tag") + " added";
      case "contact.tag_removed" -> "tag " + d.get("tag") + " removed";
      case "contact.updated" -> "changed " + String.join(", ", strings(d.get("changed")));
      case "contact.list_added" -> "added to list " + d.get("list");
      case "contact.list_removed" -> "removed from list " + d.get("list");
      case "opportunity.stage_changed" ->
          d.get("pipeline") + ": stage " + d.get("from") + " to " + d.get("to");
      case "appointment.status_changed" -> "appointment " + d.get("from") + " to " + d.get("to");
      case "email.opened" -> "opened email " + d.get("messageId");
      case "email.clicked" -> "clicked " + d.get("url") + " in email " + d.get("messageId");
      case "email.replied" -> "replied to email " + d.get("messageId");
      case "email.unsubscribed" ->
          "unsubscribed from email (link in " + d.get("messageId") + "): DND on for email";
      case "email.bounced" -> "email " + d.get("messageId") + " bounced: DND on for email";
      default -> e.type();
    };
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }
}
