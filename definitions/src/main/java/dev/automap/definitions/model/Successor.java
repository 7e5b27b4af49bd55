package dev.automap.definitions.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A step a step can go to. {@code field} is the JSON Pointer of the field naming it, relative to
 * the step (e.g. {@code /branches/0/next}).
 */
public record Successor(String field, String step) {

  /**
   * The successors named by a list's items: item {@code i} leads, through {@code
   * <list>/<i><field>}, to the step {@code next} reads from it; items or steps that are null are
   * left out.
   */
  public static <T> List<Successor> ofEach(
      String list, List<T> items, String field, Function<T, String> next) {
    List<Successor> out = new ArrayList<>();
    if (items != null) {
      for (int i = 0; i < items.size(); i++) {
        T item = items.get(i);
        String step = item == null ? null : next.apply(item);
        if (step != null) {
          out.add(new Successor(list + "/" + i + field, step));
        }
      }
    }
    return out;
  }
}
