package dev.automap.workers.contacts;

import dev.automap.definitions.conditions.Facts;
import dev.automap.workers.store.ContactNotFound;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What conditions and templates see of a contact, read fresh from the store: the
 * {@code contact.*} names of the map format, plus the account's custom values.
 */
@jakarta.inject.Singleton
public class ContactFacts {
  private final ContactDirectory contacts;

  public ContactFacts(ContactDirectory contacts) {
    this.contacts = contacts;
  }

  /**
   * The facts for one contact at {@code now} (the run's time, not the clock: a preview runs in
   * virtual time).
   *
   * @throws ContactNotFound when the account has no such contact
   */
  public Facts load(String accountId, String contactId, Map<String, Object> vars, Map<String, Object> event, Instant now) {
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
    putIfSet(contact, "createdAt", c.createdAt() == null ? null : c.createdAt().toString());
    return Facts.at(now)
        .withContact(contact)
        .withVars(vars == null ? Map.of() : vars)
        .withEvent(event == null ? Map.of() : event)
        .withAccountValues(Map.of());
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
