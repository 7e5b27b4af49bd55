package dev.automap.definitions.paths;

import java.util.List;

/**
 * A path to one of a contact's values, read once for the validator, the actions, the contact API
 * and previews: {@code email}, {@code fields.plan}, {@code dnd.sms}…, each also with the map
 * format's {@code contact.} prefix ({@code contact.fields.plan}).
 *
 * @param kind a standard value, a custom field or one channel's DND
 * @param name the value's name ({@code email}, {@code dnd}), the field's ({@code plan}) or the
 *     channel's ({@code sms}, {@code all})
 * @param prefixed whether the path was written with {@code contact.}
 */
public record ContactPath(Kind kind, String name, boolean prefixed) {
  public static final String PREFIX = "contact.";

  /** The standard values: every one conditions and templates see. */
  public static final List<String> VALUES =
      List.of(
          "id",
          "email",
          "phone",
          "firstName",
          "lastName",
          "timezone",
          "tags",
          "ownerId",
          "score",
          "dnd",
          "createdAt",
          "updatedAt");

  /** The standard values an action or the API may set. */
  public static final List<String> SETTABLE =
      List.of("email", "phone", "firstName", "lastName", "timezone", "ownerId", "score");

  /** The channels of {@code dnd.<channel>}; {@code all} sets each. */
  public static final List<String> DND_CHANNELS = List.of("email", "sms", "whatsapp");

  public enum Kind {
    /** One of {@link #VALUES}. */
    VALUE,
    /** {@code fields.<name>}. */
    FIELD,
    /** {@code dnd.<email|sms|whatsapp|all>}. */
    DND
  }

  /** The path read, or null when it names nothing a contact has. */
  public static ContactPath parse(String path) {
    if (path == null) {
      return null;
    }
    boolean prefixed = path.startsWith(PREFIX);
    String p = strip(path);
    if (p.startsWith("fields.") && p.length() > "fields.".length()) {
      return new ContactPath(Kind.FIELD, p.substring("fields.".length()), prefixed);
    }
    if (p.startsWith("dnd.")) {
      String channel = p.substring("dnd.".length());
      return DND_CHANNELS.contains(channel) || channel.equals("all")
          ? new ContactPath(Kind.DND, channel, prefixed)
          : null;
    }
    return VALUES.contains(p) ? new ContactPath(Kind.VALUE, p, prefixed) : null;
  }

  /** The path without its {@code contact.} prefix, whatever it names. */
  public static String strip(String path) {
    return path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
  }

  /** The path without the prefix: {@code email}, {@code fields.plan}, {@code dnd.sms}. */
  public String bare() {
    return switch (kind) {
      case VALUE -> name;
      case FIELD -> "fields." + name;
      case DND -> "dnd." + name;
    };
  }

  /** The path with the prefix, as conditions and templates name it. */
  public String qualified() {
    return PREFIX + bare();
  }

  /** Whether an action or the API may set it: a settable value, a field or one channel's DND. */
  public boolean settable() {
    return kind != Kind.VALUE || SETTABLE.contains(name);
  }
}
