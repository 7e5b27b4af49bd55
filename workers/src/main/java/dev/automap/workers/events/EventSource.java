package dev.automap.workers.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What caused a change: an automation step ({@code workflowId}, {@code stepId}), or a call of the
 * API ({@code via: "api"}). Kept with the event so routing can tell a map's own doings apart (and
 * so {@code fromStep} matches can name the step).
 */
public record EventSource(String via, String workflowId, String stepId) {
  public static final String AUTOMATION = "automation";
  public static final String API = "api";

  public static final String ENGINE = "engine";
  public static final String INGEST = "ingest";

  /** A message's recipient, through a link of the message (an unsubscribe). */
  public static final String RECIPIENT = "recipient";

  /** The engine itself, about a run ({@code automation.enrolled|completed|exited}). */
  public static EventSource engine(String workflowId) {
    return new EventSource(ENGINE, workflowId, null);
  }

  /** An event sent in from outside ({@code POST /v1/events}, inbound webhooks). */
  public static EventSource ingest() {
    return new EventSource(INGEST, null, null);
  }

  /**
   * An event sent in from outside that answers a message (its {@code data.messageId}): caused, as
   * far as {@code fromStep} is concerned, by the run and step that sent the message.
   */
  public static EventSource ingest(String workflowId, String stepId) {
    return new EventSource(INGEST, workflowId, stepId);
  }

  /** A change a message's recipient made through one of its links, caused by the message's step. */
  public static EventSource recipient(String workflowId, String stepId) {
    return new EventSource(RECIPIENT, workflowId, stepId);
  }

  public static EventSource api() {
    return new EventSource(API, null, null);
  }

  public static EventSource step(String workflowId, String stepId) {
    return new EventSource(AUTOMATION, workflowId, stepId);
  }

  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("via", via);
    if (workflowId != null) {
      map.put("workflowId", workflowId);
    }
    if (stepId != null) {
      map.put("stepId", stepId);
    }
    return map;
  }

  public static EventSource fromMap(Map<String, Object> map) {
    if (map == null || map.isEmpty()) {
      return new EventSource(null, null, null);
    }
    return new EventSource(
        (String) map.get("via"), (String) map.get("workflowId"), (String) map.get("stepId"));
  }
}
