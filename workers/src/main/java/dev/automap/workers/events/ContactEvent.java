package dev.automap.workers.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * An event as the map format defines it (automation-map.md, Events): what triggers, waits, goals
 * and exit criteria match.
 *
 * @param id unique within the account: a repeated id is the same event
 * @param contactId the contact it is about; null for account-level changes
 */
@Serdeable
public record ContactEvent(
    String id, String type, String contactId, Instant occurredAt, Map<String, Object> data) {

  public ContactEvent {
    data = data == null ? Map.of() : data;
  }

  /** The map shape: what a workflow's {@code event} signal and {@code event.*} paths see. */
  public Map<String, Object> asMap() {
    var map = new java.util.LinkedHashMap<String, Object>();
    map.put("id", id);
    map.put("type", type);
    if (contactId != null) {
      map.put("contactId", contactId);
    }
    map.put("occurredAt", occurredAt.toString());
    map.put("data", data);
    return map;
  }
}
