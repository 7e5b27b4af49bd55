package dev.automap.workers.contacts;

import dev.automap.workers.store.Contact;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.store.ContactRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/** An account's contacts as the API and the engine read them. */
@Singleton
public class ContactDirectory {
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private final SecureRandom random = new SecureRandom();
  private final ContactRepository contacts;

  public ContactDirectory(ContactRepository contacts) {
    this.contacts = contacts;
  }

  /** A contact with its tags. */
  public record ContactView(Contact contact, List<String> tags) {}

  /** What a new contact is made of. */
  public record NewContact(
      String email, String phone, String firstName, String lastName, String timezone,
      String ownerId, Integer score, Map<String, Object> fields, Map<String, Boolean> dnd, List<String> tags) {}

  @Transactional
  public ContactView create(String accountId, NewContact c) {
    Contact saved = contacts.save(new Contact(newId(), accountId,
        c.email() == null ? null : c.email().trim(), c.phone(), c.firstName(), c.lastName(), c.timezone(),
        c.ownerId(), c.score() == null ? 0 : c.score(),
        c.fields() == null ? Map.of() : c.fields(), c.dnd() == null ? Map.of() : c.dnd(), null, null));
    if (c.tags() != null) {
      c.tags().forEach(tag -> contacts.insertTag(saved.id(), tag));
    }
    return new ContactView(saved, contacts.findTags(saved.id()));
  }

  public ContactView get(String accountId, String contactId) {
    Contact contact = contacts.findByIdAndAccountId(contactId, accountId)
        .orElseThrow(() -> new ContactNotFound(accountId, contactId));
    return new ContactView(contact, contacts.findTags(contactId));
  }

  private String newId() {
    StringBuilder sb = new StringBuilder("c_");
    for (int i = 0; i < 20; i++) {
      sb.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return sb.toString();
  }
}
