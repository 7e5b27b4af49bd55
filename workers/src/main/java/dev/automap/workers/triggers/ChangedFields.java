package dev.automap.workers.triggers;

import dev.automap.definitions.paths.ContactPath;

/**
 * Reads the names in a {@code contact.updated} event's {@code data.changed}: a custom field may be
 * named {@code birthday}, {@code fields.birthday} or {@code contact.fields.birthday}, a standard
 * one {@code timezone} or {@code contact.timezone}.
 */
final class ChangedFields {
  private ChangedFields() {}

  /** Whether {@code name} names the contact path {@code path} ({@code contact.fields.birthday}). */
  static boolean matches(String name, String path) {
    String bare = ContactPath.strip(path);
    return name.equals(path) || name.equals(bare) || ("fields." + name).equals(bare);
  }

  /**
   * Whether {@code name} is the contact's time zone, which moves every local time of a date
   * trigger.
   */
  static boolean isTimezone(String name) {
    return name.equals("timezone") || name.equals("contact.timezone");
  }
}
