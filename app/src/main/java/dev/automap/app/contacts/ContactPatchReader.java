package dev.automap.app.contacts;

import dev.automap.app.problems.ProblemDetail.FieldError;
import dev.automap.workers.contacts.ContactPatch;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code PATCH /v1/contacts/{id}} body, JSON merge patch style: a key that is present sets
 * its value, {@code null} clears it, an absent key is left alone; {@code fields} and {@code dnd}
 * merge key by key; {@code tags} replaces the contact's tags.
 */
final class ContactPatchReader {
  private static final Set<String> TEXT =
      Set.of("email", "phone", "firstName", "lastName", "timezone", "ownerId");
  private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt");

  private ContactPatchReader() {}

  record Read(ContactPatch patch, List<String> tags, List<FieldError> errors) {}

  /** Reads the body as text: a bound {@code Map} would lose the {@code null}s that clear values. */
  static Read read(JsonMapper json, String text) {
    Map<String, Object> body;
    try {
      body =
          text == null || text.isBlank()
              ? Map.of()
              : json.readValue(text, Argument.mapOf(String.class, Object.class));
    } catch (IOException | RuntimeException e) {
      return new Read(
          new ContactPatch(), null, List.of(new FieldError("", "the body is not a JSON object")));
    }
    return read(body);
  }

  static Read read(Map<String, Object> body) {
    ContactPatch patch = new ContactPatch();
    List<FieldError> errors = new ArrayList<>();
    List<String> tags = null;
    for (var entry : (body == null ? Map.<String, Object>of() : body).entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      String path = "/" + key;
      if (TEXT.contains(key)) {
        if (value != null && !(value instanceof String)) {
          errors.add(new FieldError(path, key + " is text"));
        } else {
          patch.put(key, value);
        }
      } else if (key.equals("score")) {
        if (value != null && !(value instanceof Number)) {
          errors.add(new FieldError(path, "score is a whole number"));
        } else {
          patch.put(key, value);
        }
      } else if (key.equals("fields") || key.equals("dnd")) {
        if (!(value instanceof Map<?, ?> map)) {
          errors.add(new FieldError(path, key + " is an object"));
          continue;
        }
        for (var field : map.entrySet()) {
          String name = String.valueOf(field.getKey());
          String sub = key + "." + name;
          if (ContactPatch.canonical(sub) == null) {
            errors.add(
                new FieldError(
                    path + "/" + name,
                    key.equals("dnd")
                        ? "DND channels are email, sms, whatsapp and all"
                        : "a field needs a name"));
          } else if (key.equals("dnd")
              && field.getValue() != null
              && !(field.getValue() instanceof Boolean)) {
            errors.add(new FieldError(path + "/" + name, "DND is true or false"));
          } else {
            patch.put(sub, field.getValue());
          }
        }
      } else if (key.equals("tags")) {
        if (!(value instanceof List<?> list)
            || list.stream().anyMatch(t -> !(t instanceof String))) {
          errors.add(new FieldError(path, "tags is a list of text"));
        } else {
          tags = list.stream().map(String.class::cast).toList();
        }
      } else if (READ_ONLY.contains(key)) {
        errors.add(new FieldError(path, key + " cannot be changed"));
      } else {
        errors.add(new FieldError(path, "a contact has no " + key));
      }
    }
    return new Read(patch, tags, errors);
  }
}
