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
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code webhook}: calls a URL with the rendered headers and body. The call carries an {@code
 * Idempotency-Key} header (the action's key), so a receiver can tell a retry from a new call: the
 * engine records the call once, but a call whose answer was lost is made again. A 4xx answer (other
 * than 408 and 429) fails for good; 5xx answers and timeouts are retried. With {@code
 * saveResponseAs}, the status and the body (up to 16 KiB; JSON when it reads as JSON) are kept in
 * {@code vars}. The call is made outside the ledger's transaction (see {@link
 * ActionLedger#onceCalling}). Addresses {@link WebhookGuard} refuses, at the URL or at any
 * redirect, fail for good with the reason. With {@code AUTOMAP_WEBHOOK_SECRET} set each call is
 * signed ({@link #signature}).
 */
@Singleton
public class WebhookHandler implements ActionHandler<WebhookStep> {
  static final int KEPT_BODY = 16 * 1024;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(60);

  static final int MOST_REDIRECTS = 5;

  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final WebhookGuard guard;
  private final String secret;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public WebhookHandler(
      ActionLedger ledger,
      ActionTemplates templates,
      WebhookGuard guard,
      @Value("${automap.webhook.secret:}") @Nullable String secret) {
    this.ledger = ledger;
    this.templates = templates;
    this.guard = guard;
    this.secret = secret == null || secret.isBlank() ? null : secret;
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
    if (secret != null) {
      // what is signed is what is sent: a GET carries no body
      builder.header(
          "X-Automap-Signature",
          signature(secret, Instant.now(), step.method() == HttpMethod.GET ? null : body));
    }
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
      response = follow(builder, method, body, uri);
    } catch (IOException e) {
      throw new IllegalStateException(
          "webhook: " + method + " " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("webhook: interrupted", e);
    }
    int status = response.statusCode();
    String detail =
        method
            + " "
            + uri
            + " answered "
            + status
            + (response.uri().equals(uri) ? "" : " (at " + response.uri() + ")");
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
   * Makes the call, following up to {@value #MOST_REDIRECTS} redirects itself so that each location
   * is checked by the guard before it is called; a redirect from https to http is not followed (its
   * answer is the call's). 303, and 301 or 302 after a POST, go on as a GET without the body, as
   * browsers do.
   */
  private HttpResponse<String> follow(
      HttpRequest.Builder builder, String method, String body, URI first)
      throws IOException, InterruptedException {
    URI uri = first;
    String verb = method;
    for (int hop = 0; ; hop++) {
      Optional<String> refused = guard.refusal(uri);
      if (refused.isPresent()) {
        throw ActionFailures.badInput(
            "webhook: " + (hop == 0 ? "" : "redirected to " + uri + ": ") + refused.get());
      }
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("Location");
      if (!List.of(301, 302, 303, 307, 308).contains(status) || location.isEmpty()) {
        return response;
      }
      URI next;
      try {
        next = uri.resolve(location.get().strip());
      } catch (IllegalArgumentException e) {
        return response;
      }
      if (next.getScheme() == null
          || !List.of("http", "https").contains(next.getScheme())
          || ("https".equals(uri.getScheme()) && "http".equals(next.getScheme()))) {
        return response;
      }
      if (hop >= MOST_REDIRECTS) {
        throw ActionFailures.badInput(
            "webhook: more than " + MOST_REDIRECTS + " redirects from " + first);
      }
      if (status == 303 || ((status == 301 || status == 302) && "POST".equals(verb))) {
        verb = "GET";
        builder.GET();
      } else {
        builder.method(
            verb,
            body == null || "GET".equals(verb)
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      }
      uri = next;
      builder.uri(uri);
    }
  }

  /**
   * {@code X-Automap-Signature}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">},
   * keyed by {@code AUTOMAP_WEBHOOK_SECRET}; a call without a body signs {@code "<t>."}.
   */
  static String signature(String secret, Instant at, String body) {
    long t = at.getEpochSecond();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] sum =
          mac.doFinal((t + "." + (body == null ? "" : body)).getBytes(StandardCharsets.UTF_8));
      return "t=" + t + ",v1=" + HexFormat.of().formatHex(sum);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
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
