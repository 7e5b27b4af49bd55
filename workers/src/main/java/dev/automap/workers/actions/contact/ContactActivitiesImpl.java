package dev.automap.workers.actions.contact;

import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.store.ContactStore;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public class ContactActivitiesImpl implements ContactActivities {
  private final ContactStore contacts;

  public ContactActivitiesImpl(ContactStore contacts) {
    this.contacts = contacts;
  }

  @Override
  public List<String> addTags(ActionRequest request, List<String> tags) {
    return contacts.addTagsOnce(request, tags);
  }
}
