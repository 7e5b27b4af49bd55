package dev.automap.workers.actions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.workers.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code ai_prompt} against an HTTP peer on loopback playing an OpenAI-compatible endpoint: the
 * exact request, the answer saved to vars, a retry that asks nothing twice, errors that fail for
 * good or are retried, and the key in none of what is kept.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiPromptActionTest extends ActionTestSupport {
  static final String KEY = "sk-test-0123456789-secret";
  static WireMockServer ai;

  @Override
  public Map<String, String> getProperties() {
    if (ai == null) {
      ai = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
      ai.start();
    }
    Map<String, String> props = new HashMap<>(TestStack.databaseOnly());
    props.put("automap.ai.base-url", ai.baseUrl() + "/v1/");
    props.put("automap.ai.api-key", KEY);
    props.put("automap.ai.model", "gpt-test");
    return props;
  }

  @AfterAll
  void stopAi() {
    ai.stop();
  }

  @BeforeEach
  void reset() {
    ai.resetAll();
  }

  void answer(int status, String body) {
    ai.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  static AiPromptStep ask(String model) {
    return new AiPromptStep(
        "ask",
        null,
        "Summarise {{contact.firstName}} in {{vars.words}} words",
        model,
        "summary",
        null,
        null);
  }

  @Test
  void thePromptIsRenderedAskedOnceAndTheAnswerSavedToVars() {
    answer(
        200,
        "{\"id\": \"chatcmpl-1\", \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
            + " \"content\": \"A curious mathematician.\"}, \"finish_reason\": \"stop\"}]}");
    String contact = newContact("Ada");
    var request = request(contact, "ask", Map.of("words", 3), null);

    ActionResult result = performTwice(request, ask(null));

    assertThat(result.outcome()).isEqualTo("done");
    assertThat(result.output()).isEqualTo(Map.of("summary", "A curious mathematician."));
    assertThat(result.detail()).isEqualTo("ai_prompt answered by gpt-test (24 characters)");
    ai.verify(
        1,
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Idempotency-Key", equalTo(request.idempotencyKey()))
            .withRequestBody(
                equalToJson(
                    "{\"model\": \"gpt-test\", \"messages\": [{\"role\": \"user\","
                        + " \"content\": \"Summarise Ada in 3 words\"}]}")));
    assertThat(snapshot().toString()).doesNotContain(KEY);
  }

  @Test
  void theStepsModelIsUsedOverTheConfiguredOne() {
    answer(200, "{\"choices\": [{\"message\": {\"content\": \"ok\"}}]}");
    perform(request(newContact("Bo"), "ask", Map.of("words", 1), null), ask("small-model"));
    ai.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(equalToJson("{\"model\": \"small-model\"}", true, true)));
  }

  @Test
  void aRefusalFailsForGoodWithoutTheKeyAndAServerErrorIsRetried() {
    answer(
        401,
        "{\"error\": {\"message\": \"Incorrect API key provided: "
            + KEY
            + "\", \"type\": \"invalid_request_error\"}}");
    String contact = newContact("Cy");
    assertThatThrownBy(() -> perform(request(contact, "ask", Map.of(), null), ask(null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage())
                  .contains("answered 401: Incorrect API key provided: ***")
                  .doesNotContain(KEY);
            });

    ai.resetAll();
    answer(503, "{\"error\": {\"message\": \"overloaded\"}}");
    var request = request(contact, "ask", Map.of(), null);
    assertThatThrownBy(() -> perform(request, ask(null)))
        .isNotInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("answered 503: overloaded");
    assertThat(ledger.countByKey(request.idempotencyKey())).as("nothing kept: retried").isZero();
    ai.resetAll();
    answer(200, "{\"choices\": [{\"message\": {\"content\": \"back\"}}]}");
    assertThat(perform(request, ask(null)).output()).isEqualTo(Map.of("summary", "back"));
  }

  @Test
  void withAKeyConfiguredTheServerCanPerformAiPrompt() {
    assertThat(dispatcher.types()).contains("ai_prompt");
  }
}
