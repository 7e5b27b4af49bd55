package dev.automap.workers.actions;

import java.util.List;

/**
 * The contact of a preview, changed in memory by the actions' preview effects. Paths as in the map
 * format: {@code firstName}, {@code fields.plan}, with or without a {@code contact.} prefix.
 */
public interface PreviewContact {
  Object get(String path);

  /** Sets a value; null clears it. */
  void set(String path, Object value);

  /** Adds the tags the contact lacks; returns those added. */
  List<String> addTags(List<String> tags);

  /** Removes the tags the contact has; returns those removed. */
  List<String> removeTags(List<String> tags);
}
