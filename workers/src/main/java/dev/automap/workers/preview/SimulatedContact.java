package dev.automap.workers.preview;

import dev.automap.definitions.paths.ContactPath;
import dev.automap.workers.actions.PreviewContact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact of a preview, as the map sees it ({@code contact.*}): changed in memory by the
 * recording stand-ins of the actions, never stored.
 */
public final class SimulatedContact implements PreviewContact {
  private final Map<String, Object> data = new LinkedHashMap<>();

  public SimulatedContact(Map<String, Object> initial) {
    if (initial != null) {
      initial.forEach((k, v) -> data.put(k, copy(v)));
    }
    data.putIfAbsent("id", "sim-contact");
    data.putIfAbsent("tags", new ArrayList<>());
    data.putIfAbsent("fields", new LinkedHashMap<>());
    data.putIfAbsent("score", 0);
  }

  public synchronized String id() {
    return String.valueOf(data.get("id"));
  }

  /** A copy, for judging conditions and rendering templates. */
  public synchronized Map<String, Object> snapshot() {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) copy(data);
    return copy;
  }

  @SuppressWarnings("unchecked")
  @Override
  public synchronized List<String> addTags(List<String> tags) {
    List<String> current = (List<String>) data.get("tags");
    List<String> added = new ArrayList<>();
    for (String tag : tags) {
      if (!current.contains(tag)) {
        current.add(tag);
        added.add(tag);
      }
    }
    return added;
  }

  @SuppressWarnings("unchecked")
  @Override
  public synchronized List<String> removeTags(List<String> tags) {
    List<String> current = (List<String>) data.get("tags");
    List<String> removed = new ArrayList<>();
    for (String tag : tags) {
      if (current.remove(tag)) {
        removed.add(tag);
      }
    }
    return removed;
  }

  /**
   * Sets a path such as {@code firstName} or {@code fields.plan} (a {@code contact.} prefix is
   * allowed).
   */
  @SuppressWarnings("unchecked")
  @Override
  public synchronized void set(String path, Object value) {
    String p = ContactPath.strip(path);
    if (p.startsWith("fields.")) {
      Map<String, Object> fields = (Map<String, Object>) data.get("fields");
      if (value == null) {
        fields.remove(p.substring("fields.".length()));
      } else {
        fields.put(p.substring("fields.".length()), value);
      }
    } else if (value == null) {
      data.remove(p);
    } else {
      data.put(p, value);
    }
  }

  @SuppressWarnings("unchecked")
  @Override
  public synchronized Object get(String path) {
    String p = ContactPath.strip(path);
    if (p.startsWith("fields.")) {
      return ((Map<String, Object>) data.get("fields")).get(p.substring("fields.".length()));
    }
    return data.get(p);
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(copy(v)));
      return out;
    }
    return value;
  }
}
