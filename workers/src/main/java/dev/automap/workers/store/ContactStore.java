package dev.automap.workers.store;

import dev.automap.workers.actions.ActionRequest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** Contact changes made by actions: each applies its effect and its ledger key in one transaction. */
@Singleton
public class ContactStore {
  private final ContactRepository contacts;
  private final ActionLedgerRepository ledger;

  public ContactStore(ContactRepository contacts, ActionLedgerRepository ledger) {
    this.contacts = contacts;
    this.ledger = ledger;
  }

  @Transactional
  public List<String> addTagsOnce(ActionRequest request, List<String> tags) {
    requireContact(request);
    if (ledger.claim(request.idempotencyKey(), request.accountId(), request.contactId(), "add_tags") == 0) {
      return List.of();
    }
    List<String> added = new ArrayList<>();
    for (String tag : tags) {
      if (contacts.insertTag(request.contactId(), tag) == 1) {
        added.add(tag);
      }
    }
    return added;
  }

  private void requireContact(ActionRequest request) {
    if (contacts.findByIdAndAccountId(request.contactId(), request.accountId()).isEmpty()) {
      throw new ContactNotFound(request.accountId(), request.contactId());
    }
  }
}
