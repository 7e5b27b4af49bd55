package dev.automap.workers.routing;

import java.util.Map;

/**
 * Hears every event about a contact as it is routed (before triggers are matched): what keeps date
 * triggers and other per-contact state up to date.
 */
public interface ContactEventListener {
  void onContactEvent(String accountId, Map<String, Object> event);

  /**
   * Whether events of this type can concern it: the router hands it only those (so that events
   * nothing listens to are not copied into their map shape). All, unless it says otherwise.
   */
  default boolean hears(String type) {
    return true;
  }
}
