package dev.automap.workers.contacts;

import dev.automap.workers.contacts.ContactDirectory.ContactView;
import dev.automap.workers.contacts.ContactDirectory.NewContact;
import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.ContactList;
import dev.automap.workers.store.ContactListRepository;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.ContactRepository;
import dev.automap.workers.store.Ids;
import dev.automap.workers.store.Note;
import dev.automap.workers.store.NoteRepository;
import dev.automap.workers.store.Task;
import dev.automap.workers.store.TaskRepository;
import dev.automap.workers.store.UserRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Every change to a contact, whoever makes it (an action, the API): each is made in the caller's
 * transaction, or its own, and raises its event through {@link EventLog} in the same transaction.
 * Changes that change nothing raise nothing.
 *
 * <p>Events: {@code contact.created}, {@code contact.updated} ({@code data.changed}: names as in
 * {@link ContactPatch}, plus {@code followers}), {@code contact.tag_added} / {@code
 * contact.tag_removed} ({@code data.tag}), {@code contact.deleted}, {@code contact.list_added} /
 * {@code contact.list_removed} ({@code data.list}), {@code contact.note_added} ({@code
 * data.noteId}), {@code task.created} ({@code data.taskId}).
 */
@Singleton
public class ContactChanges {
  private final ContactRepository contacts;
  private final UserRepository users;
  private final ContactListRepository lists;
  private final NoteRepository notes;
  private final TaskRepository tasks;
  private final EventLog events;

  public ContactChanges(
      ContactRepository contacts,
      UserRepository users,
      ContactListRepository lists,
      NoteRepository notes,
      TaskRepository tasks,
      EventLog events) {
    this.contacts = contacts;
    this.users = users;
    this.lists = lists;
    this.notes = notes;
    this.tasks = tasks;
    this.events = events;
  }

  /**
   * Creates a contact and raises {@code contact.created} (then a {@code contact.tag_added} per
   * tag).
   *
   * @throws ContactProblem for values a contact cannot have, {@link ContactProblem.DuplicateEmail}
   *     when the account has a contact with that email
   */
  @Transactional
  public ContactView create(String accountId, NewContact c, EventSource source) {
    return create(accountId, c, source, Map.of());
  }

  /**
   * As {@link #create(String, NewContact, EventSource)}, with more {@code contact.created} data.
   */
  @Transactional
  public ContactView create(
      String accountId, NewContact c, EventSource source, Map<String, Object> eventData) {
    ContactPatch patch = new ContactPatch();
    patch
        .put("email", c.email())
        .put("phone", c.phone())
        .put("firstName", c.firstName())
        .put("lastName", c.lastName())
        .put("timezone", c.timezone())
        .put("ownerId", c.ownerId())
        .put("score", c.score());
    if (c.fields() != null) {
      c.fields().forEach((name, value) -> patch.put("fields." + name, value));
    }
    List<ContactProblem.FieldProblem> problems = new ArrayList<>();
    if (c.dnd() != null) {
      c.dnd()
          .forEach(
              (channel, on) -> {
                if (ContactPatch.canonical("dnd." + channel) == null) {
                  problems.add(
                      new ContactProblem.FieldProblem(
                          "/dnd/" + channel, "DND channels are email, sms, whatsapp and all"));
                } else {
                  patch.put("dnd." + channel, on);
                }
              });
    }
    Contact blank =
        new Contact(
            Ids.next("c"),
            accountId,
            null,
            null,
            null,
            null,
            null,
            null,
            0,
            Map.of(),
            Map.of(),
            null,
            null);
    ContactPatch.Applied applied = patch.applyTo(blank);
    problems.addAll(applied.problems());
    List<String> tags = c.tags() == null ? List.of() : tags(c.tags(), problems, "/tags");
    if (!problems.isEmpty()) {
      throw new ContactProblem(problems);
    }
    Contact contact = applied.contact();
    requireOwner(accountId, contact.ownerId());
    requireUniqueEmail(accountId, contact.email(), null);
    Contact saved = contacts.save(contact);
    events.raise(accountId, "contact.created", saved.id(), eventData, source);
    for (String tag : tags) {
      if (contacts.insertTag(saved.id(), tag) == 1) {
        events.raise(accountId, "contact.tag_added", saved.id(), Map.of("tag", tag), source);
      }
    }
    return new ContactView(saved, contacts.findTags(saved.id()));
  }

  /**
   * The contact, locked until the transaction ends: changes to one contact apply one after the
   * other.
   */
  @Transactional
  public Contact lock(String accountId, String contactId) {
    return contacts
        .lockById(contactId, accountId)
        .orElseThrow(() -> new ContactNotFound(accountId, contactId));
  }

  /**
   * Applies the patch; raises {@code contact.updated} with the changed names.
   *
   * @return the changed names; empty when the contact already had those values
   */
  @Transactional
  public List<String> update(
      String accountId, String contactId, ContactPatch patch, EventSource source) {
    Contact before = lock(accountId, contactId);
    ContactPatch.Applied applied = patch.applyTo(before);
    if (!applied.problems().isEmpty()) {
      throw new ContactProblem(applied.problems());
    }
    if (applied.changed().isEmpty()) {
      return List.of();
    }
    Contact after = applied.contact();
    if (applied.changed().contains("ownerId")) {
      requireOwner(accountId, after.ownerId());
    }
    if (applied.changed().contains("email")) {
      requireUniqueEmail(accountId, after.email(), contactId);
    }
    contacts.update(after);
    events.raise(
        accountId, "contact.updated", contactId, Map.of("changed", applied.changed()), source);
    return applied.changed();
  }

  /**
   * Applies a patch and, when {@code tags} is not null, makes them the contact's tags: all in one
   * transaction, each change with its event.
   *
   * @return the contact as it is now
   */
  @Transactional
  public ContactView patch(
      String accountId,
      String contactId,
      ContactPatch patch,
      List<String> tags,
      EventSource source) {
    lock(accountId, contactId);
    if (!patch.isEmpty()) {
      update(accountId, contactId, patch, source);
    }
    if (tags != null) {
      List<ContactProblem.FieldProblem> problems = new ArrayList<>();
      List<String> wanted = tags(tags, problems, "/tags");
      if (!problems.isEmpty()) {
        throw new ContactProblem(problems);
      }
      List<String> current = contacts.findTags(contactId);
      List<String> extra = current.stream().filter(t -> !wanted.contains(t)).toList();
      List<String> missing = wanted.stream().filter(t -> !current.contains(t)).toList();
      if (!extra.isEmpty()) {
        removeTags(accountId, contactId, extra, source);
      }
      if (!missing.isEmpty()) {
        addTags(accountId, contactId, missing, source);
      }
    }
    Contact now = contacts.findByIdAndAccountId(contactId, accountId).orElseThrow();
    return new ContactView(now, contacts.findTags(contactId));
  }

  /** Adds the tags the contact lacks; a {@code contact.tag_added} for each. */
  @Transactional
  public List<String> addTags(
      String accountId, String contactId, Collection<String> tags, EventSource source) {
    List<String> wanted = validTags(tags);
    lock(accountId, contactId);
    List<String> added = new ArrayList<>();
    for (String tag : wanted) {
      if (contacts.insertTag(contactId, tag) == 1) {
        added.add(tag);
        events.raise(accountId, "contact.tag_added", contactId, Map.of("tag", tag), source);
      }
    }
    return added;
  }

  /** Removes the tags the contact has; a {@code contact.tag_removed} for each. */
  @Transactional
  public List<String> removeTags(
      String accountId, String contactId, Collection<String> tags, EventSource source) {
    List<String> wanted = validTags(tags);
    lock(accountId, contactId);
    List<String> removed = new ArrayList<>();
    for (String tag : wanted) {
      if (contacts.deleteTag(contactId, tag) == 1) {
        removed.add(tag);
        events.raise(accountId, "contact.tag_removed", contactId, Map.of("tag", tag), source);
      }
    }
    return removed;
  }

  /**
   * Deletes the contact with its tags, followers, memberships, notes, tasks and deals; raises
   * {@code contact.deleted}.
   */
  @Transactional
  public void delete(String accountId, String contactId, EventSource source) {
    Contact contact = lock(accountId, contactId);
    contacts.deleteInAccount(contactId, accountId);
    Map<String, Object> data = new LinkedHashMap<>();
    if (contact.email() != null) {
      data.put("email", contact.email());
    }
    events.raise(accountId, "contact.deleted", contactId, data, source);
  }

  /** Adds followers; raises {@code contact.updated} with {@code followers} when one was new. */
  @Transactional
  public List<String> addFollowers(
      String accountId, String contactId, Collection<String> userIds, EventSource source) {
    List<String> wanted = validUsers(accountId, userIds);
    lock(accountId, contactId);
    List<String> added =
        wanted.stream().filter(u -> contacts.insertFollower(contactId, u) == 1).toList();
    if (!added.isEmpty()) {
      events.raise(
          accountId,
          "contact.updated",
          contactId,
          Map.of("changed", List.of("followers"), "followersAdded", added),
          source);
    }
    return added;
  }

  /**
   * Removes followers; raises {@code contact.updated} with {@code followers} when one was
   * following.
   */
  @Transactional
  public List<String> removeFollowers(
      String accountId, String contactId, Collection<String> userIds, EventSource source) {
    List<String> wanted = distinctNonBlank(userIds, "/users", "a user id");
    lock(accountId, contactId);
    List<String> removed =
        wanted.stream().filter(u -> contacts.deleteFollower(contactId, u) == 1).toList();
    if (!removed.isEmpty()) {
      events.raise(
          accountId,
          "contact.updated",
          contactId,
          Map.of("changed", List.of("followers"), "followersRemoved", removed),
          source);
    }
    return removed;
  }

  /** Adds the contact to the list, creating the list if the account has none of that name. */
  @Transactional
  public boolean addToList(
      String accountId, String contactId, String listName, EventSource source) {
    String name = listName(listName);
    lock(accountId, contactId);
    lists.insertIfAbsent(Ids.next("lst"), accountId, name);
    ContactList list = lists.findByAccountIdAndName(accountId, name).orElseThrow();
    if (lists.addMember(list.id(), contactId) == 0) {
      return false;
    }
    events.raise(
        accountId,
        "contact.list_added",
        contactId,
        Map.of("list", name, "listId", list.id()),
        source);
    return true;
  }

  /** Takes the contact off the list; false when it was not on it (or there is no such list). */
  @Transactional
  public boolean removeFromList(
      String accountId, String contactId, String listName, EventSource source) {
    String name = listName(listName);
    lock(accountId, contactId);
    var list = lists.findByAccountIdAndName(accountId, name);
    if (list.isEmpty() || lists.removeMember(list.get().id(), contactId) == 0) {
      return false;
    }
    events.raise(
        accountId,
        "contact.list_removed",
        contactId,
        Map.of("list", name, "listId", list.get().id()),
        source);
    return true;
  }

  @Transactional
  public Note addNote(String accountId, String contactId, String body, EventSource source) {
    if (body == null || body.isBlank()) {
      throw new ContactProblem("/body", "a note needs a body");
    }
    lock(accountId, contactId);
    Note note =
        notes.save(new Note(Ids.next("note"), accountId, contactId, body, source.asMap(), null));
    events.raise(accountId, "contact.note_added", contactId, Map.of("noteId", note.id()), source);
    return note;
  }

  /**
   * Creates an open task about the contact.
   *
   * @param assigneeId a user of the account, or null for an unassigned task
   */
  @Transactional
  public Task createTask(
      String accountId,
      String contactId,
      String title,
      String body,
      String assigneeId,
      Instant dueAt,
      EventSource source) {
    if (title == null || title.isBlank()) {
      throw new ContactProblem("/title", "a task needs a title");
    }
    lock(accountId, contactId);
    if (assigneeId != null) {
      validUsers(accountId, List.of(assigneeId));
    }
    Task task =
        tasks.save(
            new Task(
                Ids.next("task"),
                accountId,
                contactId,
                title,
                body,
                assigneeId,
                dueAt,
                Task.OPEN,
                source.asMap(),
                null,
                null));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("taskId", task.id());
    data.put("title", title);
    if (assigneeId != null) {
      data.put("assigneeId", assigneeId);
    }
    if (dueAt != null) {
      data.put("dueAt", dueAt.toString());
    }
    events.raise(accountId, "task.created", contactId, data, source);
    return task;
  }

  /**
   * The ids, each a user of the account, without repeats.
   *
   * @throws ContactProblem naming the ids the account has no user for
   */
  public List<String> validUsers(String accountId, Collection<String> userIds) {
    List<String> wanted = distinctNonBlank(userIds, "/users", "a user id");
    var known = new HashSet<>(users.findExistingIds(accountId, wanted));
    List<String> unknown = wanted.stream().filter(u -> !known.contains(u)).toList();
    if (!unknown.isEmpty()) {
      throw new ContactProblem(
          "/users", "no user " + String.join(", ", unknown) + " in this account");
    }
    return wanted;
  }

  private void requireOwner(String accountId, String ownerId) {
    if (ownerId != null && users.findByIdAndAccountId(ownerId, accountId).isEmpty()) {
      throw new ContactProblem("/ownerId", "no user " + ownerId + " in this account");
    }
  }

  private void requireUniqueEmail(String accountId, String email, String exceptId) {
    if (email == null) {
      return;
    }
    contacts
        .findByEmailIgnoringCase(accountId, email)
        .filter(other -> !other.id().equals(exceptId))
        .ifPresent(
            other -> {
              throw new ContactProblem.DuplicateEmail(email, other.id());
            });
  }

  private static List<String> validTags(Collection<String> tags) {
    List<ContactProblem.FieldProblem> problems = new ArrayList<>();
    List<String> valid = tags(tags, problems, "/tags");
    if (!problems.isEmpty()) {
      throw new ContactProblem(problems);
    }
    if (valid.isEmpty()) {
      throw new ContactProblem("/tags", "no tag given");
    }
    return valid;
  }

  private static List<String> tags(
      Collection<String> tags, List<ContactProblem.FieldProblem> problems, String path) {
    var out = new LinkedHashSet<String>();
    int i = 0;
    for (String tag : tags == null ? List.<String>of() : tags) {
      if (tag == null || tag.isBlank()) {
        problems.add(new ContactProblem.FieldProblem(path + "/" + i, "a tag cannot be empty"));
      } else if (tag.trim().length() > 100) {
        problems.add(
            new ContactProblem.FieldProblem(path + "/" + i, "a tag has at most 100 characters"));
      } else {
        out.add(tag.trim());
      }
      i++;
    }
    return List.copyOf(out);
  }

  private static List<String> distinctNonBlank(
      Collection<String> values, String path, String what) {
    if (values == null || values.isEmpty()) {
      throw new ContactProblem(path, "no " + what + " given");
    }
    var out = new LinkedHashSet<String>();
    for (String value : values) {
      if (value == null || value.isBlank()) {
        throw new ContactProblem(path, what + " cannot be empty");
      }
      out.add(value.trim());
    }
    return List.copyOf(out);
  }

  private static String listName(String name) {
    if (name == null || name.isBlank()) {
      throw new ContactProblem("/list", "no list named");
    }
    return name.trim();
  }
}
