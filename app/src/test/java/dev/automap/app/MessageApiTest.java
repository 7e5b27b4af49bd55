package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.automap.app.auth.ApiKeys;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a run's messages look like through {@code GET /v1/messages}, and one account never seeing
 * another's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageApiTest extends ApiTestSupport {
  static final String RIVAL_KEY = "rival-messages-key";

  static final String MAP =
      """
      {"key": "greet", "start": "mail", "steps": [
        {"id": "mail", "type": "send_email", "subject": "Welcome {{contact.firstName}}",
         "body": "<p>Hi {{contact.firstName}}</p>", "next": "text"},
        {"id": "text", "type": "send_sms", "body": "Hi {{contact.firstName}}", "next": "done"},
        {"id": "done", "type": "end"}]}""";

  @Inject AccountRepository accounts;
  @Inject ApiKeys keys;

  @BeforeAll
  void rivalAccount() {
    if (!accounts.existsById("rival-msg")) {
      accounts.save(new Account("rival-msg", "Rival", null));
    }
    keys.register("rival-msg", RIVAL_KEY, "test");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(HttpResponse<Map<String, Object>> response) {
    return (List<Map<String, Object>>) body(response).get("items");
  }

  String newContact(String key, Map<String, Object> contact) {
    var created = call(HttpRequest.POST("/v1/contacts", contact).bearerAuth(key));
    assertThat(created.code())
        .as(String.valueOf(created.getBody(JSON)))
        .isEqualTo(HttpStatus.CREATED.getCode());
    return (String) body(created).get("id");
  }

  HttpResponse<Map<String, Object>> messages(String key, String query) {
    return call(HttpRequest.GET("/v1/messages" + query).bearerAuth(key));
  }

  @Test
  void aRunsMessagesAreListedNewestFirstAsCapturedNotSent() throws InterruptedException {
    assertThat(
            call(HttpRequest.POST("/v1/automations", MAP)
                    .contentType("application/json")
                    .bearerAuth(EmbeddedStack.API_KEY))
                .code())
        .isEqualTo(HttpStatus.CREATED.getCode());
    assertThat(
            call(HttpRequest.POST("/v1/automations/greet/publish", "")
                    .bearerAuth(EmbeddedStack.API_KEY))
                .code())
        .isEqualTo(HttpStatus.OK.getCode());
    String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String contactId =
        newContact(
            EmbeddedStack.API_KEY,
            Map.of("email", email, "phone", "+15550100009", "firstName", "Ada"));
    var enrolled =
        call(
            HttpRequest.POST("/v1/automations/greet/enrollments", Map.of("contactId", contactId))
                .bearerAuth(EmbeddedStack.API_KEY));
    assertThat(enrolled.code()).isEqualTo(HttpStatus.CREATED.getCode());

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    List<Map<String, Object>> items;
    while ((items = items(messages(EmbeddedStack.API_KEY, "?contactId=" + contactId))).size() < 2) {
      if (Instant.now().isAfter(deadline)) {
        fail("the run's two messages did not appear: " + items);
      }
      Thread.sleep(200);
    }

    assertThat(items).extracting(m -> m.get("channel")).containsExactly("sms", "email");
    assertThat(items.get(1))
        .containsEntry("to", email)
        .containsEntry("subject", "Welcome Ada")
        .containsEntry("status", "captured")
        .containsEntry("reason", "no SMTP server configured: captured, not sent")
        .containsEntry("stepId", "mail")
        .containsEntry("workflowId", "default:greet:" + contactId)
        .containsKey("createdAt");
    assertThat((String) items.get(1).get("body"))
        .as("with its tracking links")
        .startsWith("<p>Hi Ada</p>")
        .contains("/t/o/", "/t/u/");
    assertThat(items.get(0))
        .containsEntry("to", "+15550100009")
        .containsEntry("body", "Hi Ada")
        .containsEntry("status", "captured")
        .containsEntry("stepId", "text");
    assertThat(items(messages(EmbeddedStack.API_KEY, "?contactId=" + contactId + "&limit=1")))
        .hasSize(1);

    var rival = messages(RIVAL_KEY, "?contactId=" + contactId);
    assertThat(rival.code())
        .as("another account's contact is not found")
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
    String rivalsOwn = newContact(RIVAL_KEY, Map.of("email", email));
    assertThat(items(messages(RIVAL_KEY, "?contactId=" + rivalsOwn))).isEmpty();
  }

  @Test
  void aContactIdIsRequiredAndTheLimitBounded() {
    assertThat(messages(EmbeddedStack.API_KEY, "").code())
        .isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(messages(EmbeddedStack.API_KEY, "?contactId=c_nobody").code())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
    String contactId = newContact(EmbeddedStack.API_KEY, Map.of("firstName", "Quiet"));
    assertThat(messages(EmbeddedStack.API_KEY, "?contactId=" + contactId + "&limit=0").code())
        .isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(items(messages(EmbeddedStack.API_KEY, "?contactId=" + contactId))).isEmpty();
    assertThat(messages("", "?contactId=" + contactId).code())
        .isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
  }
}
