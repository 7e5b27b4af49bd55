package dev.automap.app.health;

import dev.automap.app.auth.ApiKeys;
import dev.automap.app.problems.ProblemDetail;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /health} tells anyone whether each component is {@code UP} or {@code DOWN}; the details
 * (addresses, versions, sizes) only to a caller with an API key. Temporal's {@code mode} is shown
 * to all: it is the contract's way of saying whether runs survive a restart.
 */
@ServerFilter({"/health", "/health/**"})
public class HealthVisibility {
  private final ApiKeys keys;
  private final JsonMapper json;

  public HealthVisibility(ApiKeys keys, JsonMapper json) {
    this.keys = keys;
    this.json = json;
  }

  @ResponseFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  public void hideDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
    Object body = response.getBody().orElse(null);
    int status = response.code();
    if (body == null
        || withKey(request)
        || (status != HttpStatus.OK.getCode() && status != HttpStatus.SERVICE_UNAVAILABLE.getCode())
        || body instanceof ProblemDetail
        || body instanceof CharSequence) {
      // a refusal (an unknown path or method under /health) is a problem like any other
      return;
    }
    Map<String, Object> tree;
    try {
      tree =
          json.readValue(
              json.writeValueAsBytes(body),
              io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
    } catch (IOException e) {
      tree = Map.of("status", "UNKNOWN");
    }
    Map<String, Object> open = new LinkedHashMap<>();
    open.put("status", tree.get("status"));
    if (tree.get("details") instanceof Map<?, ?> components) {
      Map<String, Object> statuses = new LinkedHashMap<>();
      components.forEach((name, component) -> statuses.put(String.valueOf(name), open(component)));
      open.put("details", statuses);
    }
    @SuppressWarnings("unchecked")
    MutableHttpResponse<Object> writable = (MutableHttpResponse<Object>) response;
    writable.body(open);
    if ("DOWN".equals(String.valueOf(tree.get("status")))) {
      // the framework maps a health result to its status code only while the body is one
      writable.status(HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  /**
   * A component as anyone sees it: its status, and its {@code mode} where it has one (how Temporal
   * runs: {@code external}, {@code dev-server} or {@code in-memory}) with whether runs are {@code
   * durable}.
   */
  private static Map<String, Object> open(Object component) {
    Map<String, Object> shown = new LinkedHashMap<>();
    Object status = component instanceof Map<?, ?> c ? c.get("status") : null;
    shown.put("status", status == null ? "UNKNOWN" : status);
    if (component instanceof Map<?, ?> c
        && c.get("details") instanceof Map<?, ?> details
        && details.get("mode") != null) {
      Map<String, Object> mode = new LinkedHashMap<>();
      mode.put("mode", details.get("mode"));
      for (String open : List.of("durable", "warning")) {
        if (details.get(open) != null) {
          mode.put(open, details.get(open));
        }
      }
      shown.put("details", mode);
    }
    return shown;
  }

  private boolean withKey(HttpRequest<?> request) {
    String header = request.getHeaders().getAuthorization().orElse("");
    return header.regionMatches(true, 0, "Bearer ", 0, 7)
        && keys.accountOf(header.substring(7).trim()).isPresent();
  }
}
