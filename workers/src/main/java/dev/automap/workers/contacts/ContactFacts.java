package dev.automap.workers.contacts;

import dev.automap.definitions.conditions.Facts;
import dev.automap.workers.events.EventReference;
import dev.automap.workers.store.AccountValue;
import dev.automap.workers.store.AccountValueRepository;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.ContactListRepository;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.ContactRepository;
import dev.automap.workers.store.EventRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final JdbcOperations jdbc;

  public ContactFacts(
      ContactDirectory contacts,
      ContactRepository repository,
      ContactListRepository lists,
      AccountValueRepository values,
      EventRepository events,
      JdbcOperations jdbc) {
    this.jdbc = jdbc;
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
    return facts(
            view.contact(),
            view.tags(),
            lists.namesOf(accountId, contactId),
            repository.findFollowers(contactId),
            now)
        .withVars(vars == null ? Map.of() : vars)
        .withEvent(event == null ? Map.of() : event(accountId, event))
        .withAccountValues(accountValues(accountId));
  }

  /**
   * The facts of each of {@code contactIds} that the account has, at {@code now}, with no vars and
   * no event: what {@link #load} answers for each, read in one query per kind (contacts, tags,
   * lists, followers, the account's values) whatever their number. A contact the account lacks is
   * absent from the answer.
   */
  @Transactional(readOnly = true)
  public Map<String, Facts> loadAll(
      String accountId, java.util.Collection<String> contactIds, Instant now) {
    if (contactIds.isEmpty()) {
      return Map.of();
    }
    List<Contact> found = repository.findByAccountIdAndIdIn(accountId, contactIds);
    if (found.isEmpty()) {
      return Map.of();
    }
    List<String> ids = found.stream().map(Contact::id).toList();
    Map<String, List<String>> tags =
        grouped(
            "select contact_id, tag from contact_tags where contact_id = any (?)"
                + " order by contact_id, tag",
            null,
            ids);
    Map<String, List<String>> names =
        grouped(
            """
            select m.contact_id, l.name from lists l join list_members m on m.list_id = l.id
            where l.account_id = ? and m.contact_id = any (?) order by m.contact_id, l.name""",
            accountId,
            ids);
    Map<String, List<String>> followers =
        grouped(
            "select contact_id, user_id from contact_followers where contact_id = any (?)"
                + " order by contact_id, user_id",
            null,
            ids);
    Map<String, Object> values = accountValues(accountId);
    Map<String, Facts> out = new LinkedHashMap<>();
    for (Contact c : found) {
      out.put(
          c.id(),
          facts(
                  c,
                  tags.getOrDefault(c.id(), List.of()),
                  names.getOrDefault(c.id(), List.of()),
                  followers.getOrDefault(c.id(), List.of()),
                  now)
              .withVars(Map.of())
              .withEvent(Map.of())
              .withAccountValues(values));
    }
    return out;
  }

  /** The second column's values by the first's, in the query's order. */
  private Map<String, List<String>> grouped(String sql, String accountId, List<String> ids) {
    return jdbc.prepareStatement(
        sql,
        ps -> {
          int i = 1;
          if (accountId != null) {
            ps.setString(i++, accountId);
          }
          ps.setArray(i, ps.getConnection().createArrayOf("text", ids.toArray()));
          Map<String, List<String>> out = new HashMap<>();
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
          }
          return out;
        });
  }

  private static Facts facts(
      Contact c, List<String> tags, List<String> lists, List<String> followers, Instant now) {
    Map<String, Object> contact = new LinkedHashMap<>();
    contact.put("id", c.id());
    putIfSet(contact, "email", c.email());
    putIfSet(contact, "phone", c.phone());
    putIfSet(contact, "firstName", c.firstName());
    putIfSet(contact, "lastName", c.lastName());
    putIfSet(contact, "timezone", c.timezone());
    putIfSet(contact, "ownerId", c.ownerId());
    contact.put("score", c.score());
    contact.put("tags", tags);
    contact.put("fields", c.fields() == null ? Map.of() : c.fields());
    contact.put("dnd", c.dnd() == null ? Map.of() : c.dnd());
    contact.put("lists", lists);
    contact.put("followers", followers);
    putIfSet(contact, "createdAt", c.createdAt() == null ? null : c.createdAt().toString());
    return Facts.at(now).withContact(contact);
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
