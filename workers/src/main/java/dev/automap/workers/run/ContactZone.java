package dev.automap.workers.run;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for the time zone a run reckons local times in (waits at a time of day, windows,
 * dates read from a field, quiet hours, {@code format}), written down in docs/engine.md:
 *
 * <ol>
 *   <li>the step's own {@code timezone}, else the map's, else UTC;
 *   <li>{@code contact} there means the contact's zone; a contact without one falls back to the
 *       map's zone when the map names a zone of its own, else UTC;
 *   <li>a name that is no zone at all (not an IANA id or offset) falls back to UTC, and is logged.
 * </ol>
 *
 * Runs recorded before this rule had a name worked out the same way, so their histories replay.
 */
final class ContactZone {
  static final String CONTACT = "contact";
  private static final ZoneId FALLBACK = ZoneId.of("UTC");
  private static final Logger log = LoggerFactory.getLogger(ContactZone.class);

  private ContactZone() {}

  /**
   * @param stepZone the step's {@code timezone}, or null
   * @param mapZone the map's {@code timezone}, or null
   * @param contactZone the contact's zone, read only when the rule needs it (null when unset)
   */
  static ZoneId resolve(String stepZone, String mapZone, Supplier<String> contactZone) {
    String name = stepZone != null ? stepZone : mapZone != null ? mapZone : FALLBACK.getId();
    if (CONTACT.equals(name)) {
      name = contactZone.get();
      if (name == null) {
        name = CONTACT.equals(mapZone) || mapZone == null ? FALLBACK.getId() : mapZone;
      }
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      log.warn("time zone {} cannot be read: using {}", name, FALLBACK);
      return FALLBACK;
    }
  }
}
