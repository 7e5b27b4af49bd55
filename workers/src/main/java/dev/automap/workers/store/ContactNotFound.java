package dev.automap.workers.store;

/** The contact an action names is not in its account (deleted, or never there). */
public class ContactNotFound extends RuntimeException {
  public ContactNotFound(String accountId, String contactId) {
    super("contact " + contactId + " not found in account " + accountId);
  }
}
