package dev.automap.workers.actions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import io.micronaut.context.annotation.Requires;
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
import java.util.Map;

/**
 * {@code ai_prompt}: the prompt rendered for the contact is sent to an OpenAI-compatible
 * chat-completions endpoint ({@code POST {AUTOMAP_AI_BASE_URL}/chat/completions}, default OpenAI's
 * {@code https://api.openai.com/v1}, with {@code Authorization: Bearer AUTOMAP_AI_API_KEY}); the
 * answer's text is saved to {@code vars.<saveAs>}. The model is the step's, else {@code
 * AUTOMAP_AI_MODEL}. Present only with a key configured: without one, maps using {@code ai_prompt}
 * are refused at publish. A 4xx answer (other than 408 and 429) fails for good, and the run follows
 * the step's {@code onError}; 5xx answers and timeouts are retried. The call is made outside any
 * transaction, once per idempotency key ({@link ActionLedger#onceCalling}). The key is sent in the
 * header only: never in a result, a failure's message or a log.
 */
@Singleton
@Requires(property = "automap.ai.api-key")
public class AiPromptHandler implements ActionHandler<AiPromptStep> {
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final String base;
  private final String apiKey;
  private final String defaultModel;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public AiPromptHandler(
      ActionLedger ledger,
      ActionTemplates templates,
      @Value("${automap.ai.base-url:`https://api.openai.com/v1`}") String base,
      @Value("${automap.ai.api-key}") String apiKey,
      @Value("${automap.ai.model:}") @Nullable String defaultModel) {
    this.ledger = ledger;
    this.templates = templates;
    String b = base == null || base.isBlank() ? "https://api.openai.com/v1" : base.strip();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.apiKey = apiKey.strip();
    this.defaultModel = defaultModel == null || defaultModel.isBlank() ? null : defaultModel;
  }

  @Override
  public Class<AiPromptStep> stepType() {
    return AiPromptStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, AiPromptStep step) {
    return ledger.onceCalling(request, step, () -> ask(request, step));
  }

  private ActionResult ask(ActionRequest request, AiPromptStep step) {
    String model = step.model() != null && !step.model().isBlank() ? step.model() : defaultModel;
    if (model == null) {
      throw ActionFailures.badInput(
          "ai_prompt: no model: set the step's model or AUTOMAP_AI_MODEL");
    }
    String prompt = templates.of(request).text(step.prompt());
    ObjectNode body = MapJson.mapper().createObjectNode();
    body.put("model", model);
    ObjectNode message = body.putArray("messages").addObject();
    message.put("role", "user");
    message.put("content", prompt == null ? "" : prompt);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + apiKey)
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", request.idempotencyKey())
                  .POST(HttpRequest.BodyPublishers.ofString(MapJson.write(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(
          "ai_prompt: the AI endpoint could not be reached: " + hidden(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ai_prompt: interrupted");
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String detail =
          "ai_prompt: the AI endpoint answered " + status + ": " + said(response.body());
      if (status / 100 == 4 && status != 408 && status != 429) {
        throw ActionFailures.badInput(detail);
      }
      throw new IllegalStateException(detail); // retried
    }
    String answer;
    try {
      JsonNode content =
          MapJson.mapper().readTree(response.body()).path("choices").path(0).path("message");
      if (!content.path("content").isTextual()) {
        throw ActionFailures.badInput(
            "ai_prompt: the AI endpoint's answer has no choices[0].message.content");
      }
      answer = content.path("content").asText();
    } catch (IOException e) {
      throw new IllegalStateException("ai_prompt: the AI endpoint's answer is not JSON");
    }
    ActionResult result =
        ActionResult.done(
            "ai_prompt answered by " + model + " (" + answer.length() + " characters)");
    return step.saveAs() == null || step.saveAs().isBlank()
        ? result
        : result.withOutput(Map.of(step.saveAs(), answer));
  }

  /** The endpoint's own words of an error, the key masked should it echo it. */
  private String said(String body) {
    String text = body == null ? "" : body;
    try {
      JsonNode error = MapJson.mapper().readTree(text).path("error");
      if (error.path("message").isTextual()) {
        text = error.path("message").asText();
      }
    } catch (IOException notJson) {
      // told as it came
    }
    return hidden(text.length() > 300 ? text.substring(0, 300) : text);
  }

  private String hidden(String text) {
    return text == null ? "" : text.replace(apiKey, "***");
  }
}
