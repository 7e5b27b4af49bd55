package dev.automap.workers.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a run carries a stored event: by reference. A run's input and its {@code event} signals are
 * kept in Temporal history, so they hold the event's {@code id}, {@code type}, {@code contactId},
 * {@code occurredAt} and {@code source} (what {@code fromStep} matches), and of its {@code data}
 * only {@code changed} (the names of the fields a {@code contact.updated} changed, what a {@code
 * wait_for} on a field reads in workflow code). The rest of {@code data} (whatever the sender put
 * there: emails, names) stays in the events table and is read by id inside activities, where
 * conditions and templates are judged and rendered.
 *
 * <p>A stored event is never rewritten (a repeated id is not kept), so reading it again gives the
 * same data. Events that are not stored (a run's own end told to the run that enrolled it, date and
 * schedule triggers) carry ids and names only and travel whole.
 */
public final class EventReference {
  /** Marks an event whose {@code data} is read from the store by its id. */
  public static final String DATA_BY_ID = "dataById";

  /** The {@code data} keys a reference keeps: names, never values. */
  private static final List<String> KEPT = List.of("changed");

  private EventReference() {}

  /** The event as runs carry it: {@code data} left in the store but for {@link #KEPT}. */
  public static Map<String, Object> of(Map<String, Object> event) {
    Map<String, Object> carried = new LinkedHashMap<>();
    event.forEach(
        (key, value) -> {
          if (!"data".equals(key)) {
            carried.put(key, value);
          }
        });
    Map<String, Object> kept = new LinkedHashMap<>();
    if (event.get("data") instanceof Map<?, ?> data) {
      for (String key : KEPT) {
        if (data.get(key) != null) {
          kept.put(key, data.get(key));
        }
      }
    }
    carried.put("data", kept);
    carried.put(DATA_BY_ID, true);
    return carried;
  }

  /** Whether the event is carried by reference. */
  public static boolean isReference(Map<String, Object> event) {
    return event != null && Boolean.TRUE.equals(event.get(DATA_BY_ID));
  }

  /**
   * The event with its {@code data} read back through {@code storedData} (by event id); an event
   * carried whole is answered as it is. An event no longer stored keeps what the reference kept.
   */
  public static Map<String, Object> resolve(
      Map<String, Object> event, Function<String, Optional<Map<String, Object>>> storedData) {
    if (!isReference(event)) {
      return event;
    }
    Map<String, Object> whole = new LinkedHashMap<>(event);
    whole.remove(DATA_BY_ID);
    Object id = event.get("id");
    if (id != null) {
      storedData.apply(id.toString()).ifPresent(data -> whole.put("data", data));
    }
    return whole;
  }
}
