package dev.automap.workers.run;

import dev.automap.definitions.conditions.Facts;
import dev.automap.workers.contacts.ContactFacts;
import jakarta.inject.Singleton;

/** Reads the contact from the store and judges conditions, dates and values for the run. */
@Singleton
public class FactsActivitiesImpl extends FactsJudge implements RunActivities {
  private final ContactFacts contacts;

  public FactsActivitiesImpl(ContactFacts contacts) {
    this.contacts = contacts;
  }

  @Override
  protected Facts facts(FactsRequest r) {
    return contacts.load(r.accountId(), r.contactId(), r.vars(), r.event(), r.now());
  }
}
