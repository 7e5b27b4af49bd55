package dev.automap.workers.routing;

import java.util.Map;

/**
 * Hears every event about a contact as it is routed (before triggers are matched): what keeps date
 * triggers and other per-contact state up to date.
 */
public interface ContactEventListener {
  void onContactEvent(String accountId, Map<String, Object> event);
}
