package dev.automap.workers.contacts;

import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Contact;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.ContactRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's contacts as the API and the engine read them. Changes go through {@link
 * ContactChanges}.
 */
@Singleton
public class ContactDirectory {
  private final ContactRepository contacts;
  private final ContactChanges changes;

  public ContactDirectory(ContactRepository contacts, ContactChanges changes) {
    this.contacts = contacts;
    this.changes = changes;
  }

  /** A contact with its tags. */
  public record ContactView(Contact contact, List<String> tags) {}

  /** What a new contact is made of. */
  public record NewContact(
      String email,
      String phone,
      String firstName,
      String lastName,
      String timezone,
      String ownerId,
      Integer score,
      Map<String, Object> fields,
      Map<String, Boolean> dnd,
      List<String> tags) {}

  /** Creates a contact as an API call would (its events say {@code via: "api"}). */
  public ContactView create(String accountId, NewContact c) {
    return changes.create(accountId, c, EventSource.api());
  }

  /**
   * @throws ContactNotFound when the account has no such contact
   */
  public ContactView get(String accountId, String contactId) {
    Contact contact =
        contacts
            .findByIdAndAccountId(contactId, accountId)
            .orElseThrow(() -> new ContactNotFound(accountId, contactId));
    return view(contact);
  }

  /** Which of {@code ids} are contacts of the account, in one query. */
  public java.util.Set<String> existing(String accountId, java.util.Collection<String> ids) {
    return java.util.Set.copyOf(contacts.findIdByAccountIdAndIdIn(accountId, ids));
  }

  /** By email, whatever its case and surrounding blanks. */
  public Optional<ContactView> findByEmail(String accountId, String email) {
    String key = ContactAddresses.email(email);
    return key == null
        ? Optional.empty()
        : contacts.findByEmailIgnoringCase(accountId, key).map(this::view);
  }

  /** By phone, whatever its formatting ({@code +1 (555) 010-0000} finds {@code +15550100000}). */
  public Optional<ContactView> findByPhone(String accountId, String phone) {
    String key = ContactAddresses.phone(phone);
    return key == null || key.isEmpty()
        ? Optional.empty()
        : contacts.findFirstByPhone(accountId, key).map(this::view);
  }

  /**
   * The newest contacts first, after the one created at {@code afterCreatedAt} with {@code afterId}
   * when that is given (the order is creation time, newest first, then ID).
   */
  public List<ContactView> page(
      String accountId, @Nullable Instant afterCreatedAt, String afterId, int limit) {
    return contacts.pageOf(accountId, afterCreatedAt, afterId, limit).stream()
        .map(this::view)
        .toList();
  }

  private ContactView view(Contact contact) {
    return new ContactView(contact, contacts.findTags(contact.id()));
  }
}
