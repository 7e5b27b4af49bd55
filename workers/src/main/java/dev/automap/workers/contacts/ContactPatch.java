package dev.automap.workers.contacts;

import dev.automap.definitions.paths.ContactPath;
import dev.automap.workers.contacts.ContactProblem.FieldProblem;
import dev.automap.workers.store.Contact;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change to a contact's own values: path to new value, where null (or blank text) clears.
 *
 * <p>Paths: {@code email}, {@code phone}, {@code firstName}, {@code lastName}, {@code timezone},
 * {@code ownerId}, {@code score}, {@code fields.<name>}, {@code dnd.<email|sms|whatsapp|all>}; each
 * may also be written with the map format's {@code contact.} prefix. The changed names ({@code
 * contact.updated}'s {@code data.changed}) use the same spelling, without the prefix.
 */
public final class ContactPatch {
  public static final List<String> DND_CHANNELS = ContactPath.DND_CHANNELS;

  private final Map<String, Object> values = new LinkedHashMap<>();

  /** The path without its {@code contact.} prefix, or null when it names nothing a contact has. */
  public static String canonical(String path) {
    ContactPath p = ContactPath.parse(path);
    return p != null && p.settable() ? p.bare() : null;
  }

  /** Sets (or with null clears) a value; the path must be {@link #canonical}. */
  public ContactPatch put(String path, Object value) {
    String canonical = canonical(path);
    if (canonical == null) {
      throw new ContactProblem(pointer(path), "a contact has no " + path);
    }
    values.put(canonical, value);
    return this;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public Map<String, Object> values() {
    return values;
  }

  /** What the patch makes of a contact. */
  public record Applied(Contact contact, List<String> changed, List<FieldProblem> problems) {}

  public Applied applyTo(Contact c) {
    List<FieldProblem> problems = new ArrayList<>();
    String email = c.email();
    String phone = c.phone();
    String firstName = c.firstName();
    String lastName = c.lastName();
    String timezone = c.timezone();
    String ownerId = c.ownerId();
    int score = c.score();
    Map<String, Object> fields = new LinkedHashMap<>(c.fields() == null ? Map.of() : c.fields());
    Map<String, Boolean> dnd = new LinkedHashMap<>(c.dnd() == null ? Map.of() : c.dnd());
    for (var entry : values.entrySet()) {
      String path = entry.getKey();
      Object value = entry.getValue();
      String text = text(value);
      switch (path) {
        case "email" -> {
          email = ContactAddresses.email(text);
          if (email != null && !ContactAddresses.isEmail(email)) {
            problems.add(new FieldProblem("/email", "\"" + email + "\" is not an email address"));
          }
        }
        case "phone" -> {
          if (text != null && !ContactAddresses.isPhone(text)) {
            problems.add(new FieldProblem("/phone", "\"" + text + "\" is not a phone number"));
          }
          phone = ContactAddresses.phone(text);
        }
        case "firstName" -> firstName = text;
        case "lastName" -> lastName = text;
        case "timezone" -> {
          timezone = text;
          if (text != null && !isZone(text)) {
            problems.add(
                new FieldProblem("/timezone", "\"" + text + "\" is not an IANA time zone"));
          }
        }
        case "ownerId" -> ownerId = text;
        case "score" -> {
          Integer parsed = integer(value);
          if (value != null && !(value instanceof String s && s.isBlank()) && parsed == null) {
            problems.add(new FieldProblem("/score", "\"" + value + "\" is not a whole number"));
          }
          score = parsed == null ? 0 : parsed;
        }
        default -> {
          if (path.startsWith("fields.")) {
            String name = path.substring("fields.".length());
            if (value == null || value instanceof String s && s.isBlank()) {
              fields.remove(name);
            } else {
              fields.put(name, value);
            }
          } else {
            String channel = path.substring("dnd.".length());
            Boolean on = bool(value);
            if (value != null && on == null) {
              problems.add(
                  new FieldProblem("/dnd/" + channel, "\"" + value + "\" is not true or false"));
            }
            for (String ch : channel.equals("all") ? DND_CHANNELS : List.of(channel)) {
              if (Boolean.TRUE.equals(on)) {
                dnd.put(ch, true);
              } else {
                dnd.remove(ch);
              }
            }
          }
        }
      }
    }
    Contact updated =
        new Contact(
            c.id(),
            c.accountId(),
            email,
            phone,
            firstName,
            lastName,
            timezone,
            ownerId,
            score,
            fields,
            dnd,
            c.createdAt(),
            c.updatedAt());
    return new Applied(updated, changes(c, updated), problems);
  }

  /** The names of what differs between two versions of a contact. */
  public static List<String> changes(Contact before, Contact after) {
    List<String> changed = new ArrayList<>();
    compare(changed, "email", before.email(), after.email());
    compare(changed, "phone", before.phone(), after.phone());
    compare(changed, "firstName", before.firstName(), after.firstName());
    compare(changed, "lastName", before.lastName(), after.lastName());
    compare(changed, "timezone", before.timezone(), after.timezone());
    compare(changed, "ownerId", before.ownerId(), after.ownerId());
    compare(changed, "score", before.score(), after.score());
    Map<String, Object> oldFields = before.fields() == null ? Map.of() : before.fields();
    Map<String, Object> newFields = after.fields() == null ? Map.of() : after.fields();
    var names = new java.util.TreeSet<>(oldFields.keySet());
    names.addAll(newFields.keySet());
    for (String name : names) {
      compare(changed, "fields." + name, oldFields.get(name), newFields.get(name));
    }
    Map<String, Boolean> oldDnd = before.dnd() == null ? Map.of() : before.dnd();
    Map<String, Boolean> newDnd = after.dnd() == null ? Map.of() : after.dnd();
    for (String ch : DND_CHANNELS) {
      compare(
          changed,
          "dnd." + ch,
          Boolean.TRUE.equals(oldDnd.get(ch)),
          Boolean.TRUE.equals(newDnd.get(ch)));
    }
    return changed;
  }

  private static void compare(List<String> changed, String name, Object before, Object after) {
    if (before instanceof Number a && after instanceof Number b) {
      if (new java.math.BigDecimal(a.toString()).compareTo(new java.math.BigDecimal(b.toString()))
          != 0) {
        changed.add(name);
      }
    } else if (!Objects.equals(before, after)) {
      changed.add(name);
    }
  }

  static String pointer(String path) {
    return "/" + (path == null ? "" : path.replace('.', '/'));
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString().trim();
    return s.isEmpty() ? null : s;
  }

  private static boolean isZone(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static Integer integer(Object value) {
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    return null;
  }
}
