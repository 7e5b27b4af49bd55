package dev.automap.workers.actions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.model.HttpMethod;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.WebhookStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code webhook}: calls a URL with the rendered headers and body. The call carries an {@code
 * Idempotency-Key} header (the action's key), so a receiver can tell a retry from a new call: the
 * engine records the call once, but a call whose answer was lost is made again. A 4xx answer (other
 * than 408 and 429) fails for good; 5xx answers and timeouts are retried. With {@code
 * saveResponseAs}, the status and the body (up to 16 KiB; JSON when it reads as JSON) are kept in
 * {@code vars}. The call is made outside the ledger's transaction (see {@link
 * ActionLedger#onceCalling}).
 */
@Singleton
public class WebhookHandler implements ActionHandler<WebhookStep> {
  static final int KEPT_BODY = 16 * 1024;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(60);

  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  public WebhookHandler(ActionLedger ledger, ActionTemplates templates) {
    this.ledger = ledger;
    this.templates = templates;
  }

  @Override
  public Class<WebhookStep> stepType() {
    return WebhookStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, WebhookStep step) {
    return ledger.onceCalling(request, step, () -> call(request, step));
  }

  private ActionResult call(ActionRequest request, WebhookStep step) {
    var rendering = templates.of(request);
    String url = rendering.text(step.url());
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url.strip());
    } catch (IllegalArgumentException e) {
      throw ActionFailures.badInput("webhook: not a URL: " + url);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
        || uri.getHost() == null) {
      throw ActionFailures.badInput("webhook: the URL must be http or https with a host: " + url);
    }
    Duration timeout =
        step.timeout() == null
            ? DEFAULT_TIMEOUT
            : step.timeout().compareTo(LONGEST_TIMEOUT) > 0 ? LONGEST_TIMEOUT : step.timeout();
    String method = step.method() == null ? "POST" : step.method().name();
    String body = body(step.body(), rendering);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Idempotency-Key", request.idempotencyKey())
            .header("User-Agent", "automap");
    boolean contentType = false;
    if (step.headers() != null) {
      for (var header : step.headers().entrySet()) {
        try {
          builder.header(header.getKey(), rendering.text(header.getValue()));
        } catch (IllegalArgumentException e) {
          throw ActionFailures.badInput(
              "webhook: header \"" + header.getKey() + "\" cannot be sent: " + e.getMessage());
        }
        contentType |= header.getKey().equalsIgnoreCase("content-type");
      }
    }
    if (body != null && !contentType) {
      builder.header(
          "Content-Type",
          step.body() != null && !step.body().isTextual() ? "application/json" : "text/plain");
    }
    builder.method(
        method,
        body == null || step.method() == HttpMethod.GET
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          "webhook: " + method + " " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("webhook: interrupted", e);
    }
    int status = response.statusCode();
    String detail = method + " " + uri + " answered " + status;
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      throw ActionFailures.badInput("webhook: " + detail);
    }
    if (status >= 400) {
      throw new IllegalStateException("webhook: " + detail); // retried
    }
    ActionResult result = ActionResult.done(detail);
    if (step.saveResponseAs() != null && !step.saveResponseAs().isBlank()) {
      Map<String, Object> saved = new LinkedHashMap<>();
      saved.put("status", status);
      saved.put("body", kept(response.body()));
      result = result.withOutput(Map.of(step.saveResponseAs(), saved));
    }
    return result;
  }

  /**
   * The body as sent: a JSON body with its string values rendered as templates, or a text template.
   */
  private static String body(JsonNode body, ActionTemplates.Rendering rendering) {
    if (body == null || body.isNull()) {
      return null;
    }
    if (body.isTextual()) {
      return rendering.text(body.asText());
    }
    return MapJson.write(render(body.deepCopy(), rendering));
  }

  private static JsonNode render(JsonNode node, ActionTemplates.Rendering rendering) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        var field = it.next();
        field.setValue(render(field.getValue(), rendering));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, render(array.get(i), rendering));
      }
      return array;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(rendering.text(node.asText()));
    }
    return node;
  }

  private static Object kept(String body) {
    if (body == null) {
      return null;
    }
    String text = body.length() > KEPT_BODY ? body.substring(0, KEPT_BODY) : body;
    if (body.length() <= KEPT_BODY) {
      try {
        return MapJson.mapper().readValue(text, Object.class);
      } catch (IOException notJson) {
        // kept as text
      }
    }
    return text;
  }
}
