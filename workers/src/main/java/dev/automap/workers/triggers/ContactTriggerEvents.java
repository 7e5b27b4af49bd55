package dev.automap.workers.triggers;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/** What the event router hands date triggers: contacts created and fields changed. */
@Singleton
public class ContactTriggerEvents implements dev.automap.workers.routing.ContactEventListener {
  private final TriggerScheduler scheduler;

  public ContactTriggerEvents(TriggerScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public boolean hears(String type) {
    return "contact.created".equals(type) || "contact.updated".equals(type);
  }

  /**
   * An event as ingested ({@code type}, {@code contactId}, {@code data}). Acts on {@code
   * contact.created} and on {@code contact.updated} with {@code data.changed}; ignores the rest.
   */
  @Override
  public void onContactEvent(String accountId, Map<String, Object> event) {
    if (event == null
        || !(event.get("contactId") instanceof String contactId)
        || contactId.isBlank()) {
      return;
    }
    Object type = event.get("type");
    if ("contact.created".equals(type)) {
      scheduler.contactCreated(accountId, contactId);
    } else if ("contact.updated".equals(type)
        && event.get("data") instanceof Map<?, ?> data
        && data.get("changed") instanceof List<?> names) {
      scheduler.contactChanged(accountId, contactId, names.stream().map(String::valueOf).toList());
    }
  }
}
