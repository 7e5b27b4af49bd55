package dev.automap.workers.contacts;

import dev.automap.definitions.conditions.Facts;
import dev.automap.workers.events.EventReference;
import dev.automap.workers.store.AccountValue;
import dev.automap.workers.store.AccountValueRepository;
import dev.automap.workers.store.ContactListRepository;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.ContactRepository;
import dev.automap.workers.store.EventRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What conditions and templates see of a contact, read fresh from the store: the {@code contact.*}
 * names of the map format, plus the account's custom values ({@code account.values.<name>}).
 *
 * <p>{@code contact}: {@code id email phone firstName lastName timezone ownerId score tags fields
 * dnd lists followers createdAt}; {@code dnd} maps each channel that is on to {@code true}, {@code
 * lists} and {@code followers} are list names and user ids.
 */
@jakarta.inject.Singleton
public class ContactFacts {
  private final ContactDirectory contacts;
  private final ContactRepository repository;
  private final ContactListRepository lists;
  private final AccountValueRepository values;
  private final EventRepository events;

  public ContactFacts(
      ContactDirectory contacts,
      ContactRepository repository,
      ContactListRepository lists,
      AccountValueRepository values,
      EventRepository events) {
    this.contacts = contacts;
    this.repository = repository;
    this.lists = lists;
    this.values = values;
    this.events = events;
  }

  /**
   * The event whole: one a run carries by reference ({@link EventReference}) gets its {@code data}
   * back from the events table; any other is answered as it is.
   */
  public Map<String, Object> event(String accountId, Map<String, Object> event) {
    return EventReference.resolve(
        event,
        id ->
            events
                .findByAccountIdAndId(accountId, id)
                .map(r -> r.data() == null ? Map.<String, Object>of() : r.data()));
  }

  /**
   * The facts for one contact at {@code now} (the run's time, not the clock: a preview runs in
   * virtual time).
   *
   * @throws ContactNotFound when the account has no such contact
   */
  public Facts load(
      String accountId,
      String contactId,
      Map<String, Object> vars,
      Map<String, Object> event,
      Instant now) {
    var view = contacts.get(accountId, contactId);
    var c = view.contact();
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("id", c.id());
    putIfSet(contact, "email", c.email());
    putIfSet(contact, "phone", c.phone());
    putIfSet(contact, "firstName", c.firstName());
    putIfSet(contact, "lastName", c.lastName());
    putIfSet(contact, "timezone", c.timezone());
    putIfSet(contact, "ownerId", c.ownerId());
    contact.put("score", c.score());
    contact.put("tags", view.tags());
    contact.put("fields", c.fields() == null ? Map.of() : c.fields());
    contact.put("dnd", c.dnd() == null ? Map.of() : c.dnd());
    contact.put("lists", lists.namesOf(accountId, contactId));
    contact.put("followers", repository.findFollowers(contactId));
    putIfSet(contact, "createdAt", c.createdAt() == null ? null : c.createdAt().toString());
    return Facts.at(now)
        .withContact(contact)
        .withVars(vars == null ? Map.of() : vars)
        .withEvent(event == null ? Map.of() : event(accountId, event))
        .withAccountValues(accountValues(accountId));
  }

  /** The account's custom values, for facts without a contact. */
  public Map<String, Object> accountValues(String accountId) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (AccountValue v : values.all(accountId)) {
      out.put(v.name(), v.value());
    }
    return out;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
