package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.automap.app.auth.ApiKeys;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The API driven as a user would, against the in-memory Temporal and embedded PostgreSQL. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFlowTest extends ApiTestSupport {

  @Inject AccountRepository accounts;
  @Inject ApiKeys keys;

  static String map(String key, String wait) {
    return """
        {"key": "%s", "name": "Welcome", "start": "wait",
         "steps": [
           {"id": "wait", "type": "wait", "duration": "%s", "next": "tag"},
           {"id": "tag", "type": "add_tags", "tags": ["welcomed"], "next": "done"},
           {"id": "done", "type": "end"}]}"""
        .formatted(key, wait);
  }

  String newContact(String email) {
    var created =
        call(auth(HttpRequest.POST("/v1/contacts", Map.of("email", email, "firstName", "Ada"))));
    assertThat(created.code()).isEqualTo(HttpStatus.CREATED.getCode());
    return (String) body(created).get("id");
  }

  @Test
  void aPublishedMapTagsAnEnrolledContactAfterItsWait() throws InterruptedException {
    var saved =
        call(
            auth(
                HttpRequest.POST("/v1/automations", map("welcome", "PT2S"))
                    .contentType("application/json")));
    assertThat(saved.code()).isEqualTo(HttpStatus.CREATED.getCode());
    assertThat(body(saved))
        .containsEntry("key", "welcome")
        .containsEntry("version", 1)
        .containsEntry("status", "draft");

    var published = call(auth(HttpRequest.POST("/v1/automations/welcome/publish", "")));
    assertThat(published.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(body(published)).containsEntry("status", "active");

    String contactId = newContact("ada@example.com");
    var enrolled =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/automations/welcome/enrollments", Map.of("contactId", contactId))));
    assertThat(enrolled.code()).isEqualTo(HttpStatus.CREATED.getCode());
    assertThat(body(enrolled)).containsEntry("enrollmentId", "default:welcome:" + contactId);

    var status = call(auth(HttpRequest.GET("/v1/enrollments/default:welcome:" + contactId)));
    assertThat(status.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(body(status).toString()).contains("state=waiting").contains("steps=[wait]");

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!tags(contactId).contains("welcomed")) {
      if (Instant.now().isAfter(deadline)) {
        fail("the tag did not appear after the wait");
      }
      Thread.sleep(200);
    }

    var again =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/automations/welcome/enrollments", Map.of("contactId", contactId))));
    assertThat(again.code()).isEqualTo(HttpStatus.CONFLICT.getCode());
    assertThat(again.getContentType().orElseThrow().toString())
        .isEqualTo("application/problem+json");
  }

  @SuppressWarnings("unchecked")
  List<String> tags(String contactId) {
    var contact = call(auth(HttpRequest.GET("/v1/contacts/" + contactId)));
    Object tags = body(contact).get("tags");
    return tags == null ? List.of() : (List<String>) tags;
  }

  @Test
  void aMapThatDoesNotParseIsA400NamingWhere() {
    var response =
        call(
            auth(
                HttpRequest.POST(
                        "/v1/automations",
                        "{\"key\":\"bad\",\"start\":\"a\",\"steps\":[{\"id\":\"a\",\"type\":\"wat\"}]}")
                    .contentType("application/json")));
    assertThat(response.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(response.getContentType().orElseThrow().toString())
        .isEqualTo("application/problem+json");
    assertThat(body(response).get("errors").toString())
        .contains("path=/steps/0/type")
        .contains("unknown type \"wat\"");
  }

  @Test
  void publishingAnInvalidMapIsA422WithEveryProblemAndKeepsTheDraft() {
    String broken =
        """
        {"key": "broken", "start": "a",
         "steps": [{"id": "a", "type": "wait", "duration": "PT1H", "next": "zz"}, {"id": "a", "type": "end"}]}""";
    assertThat(
            call(auth(HttpRequest.POST("/v1/automations", broken).contentType("application/json")))
                .code())
        .isEqualTo(HttpStatus.CREATED.getCode());

    var response = call(auth(HttpRequest.POST("/v1/automations/broken/publish", "")));

    assertThat(response.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    String errors = body(response).get("errors").toString();
    assertThat(errors)
        .contains("path=/steps/0/next")
        .contains("no step \"zz\"")
        .contains("path=/steps/1/id");
    var kept = call(auth(HttpRequest.GET("/v1/automations/broken")));
    assertThat(body(kept)).containsEntry("status", "draft").containsEntry("versions", List.of(1));
  }

  @Test
  void aYamlMapIsAccepted() {
    String yaml =
        """
        key: yaml-map
        start: done
        steps:
          - id: done
            type: end
        """;
    var response =
        call(auth(HttpRequest.POST("/v1/automations", yaml).contentType("application/yaml")));
    assertThat(response.code()).isEqualTo(HttpStatus.CREATED.getCode());
    assertThat(body(response)).containsEntry("key", "yaml-map");
  }

  @Test
  void withoutAKeyNothingUnderV1Answers() {
    var response = call(HttpRequest.GET("/v1/automations"));
    assertThat(response.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    assertThat(response.getContentType().orElseThrow().toString())
        .isEqualTo("application/problem+json");
    assertThat(call(HttpRequest.GET("/v1/automations").bearerAuth("wrong")).code())
        .isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
  }

  @Test
  void anotherAccountSeesNothingOfThisOne() {
    String contactId = newContact("grace@example.com");
    if (!accounts.existsById("other")) {
      accounts.save(new Account("other", "Other", null));
    }
    keys.register("other", "other-key", "test");
    assertThat(keys.accountOf("other-key")).contains("other");

    var read = call(HttpRequest.GET("/v1/contacts/" + contactId).bearerAuth("other-key"));
    assertThat(read.code())
        .as(String.valueOf(read.getBody(JSON)))
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
    var enrollment =
        call(
            HttpRequest.GET("/v1/enrollments/default:welcome:" + contactId)
                .bearerAuth("other-key"));
    assertThat(enrollment.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  @Test
  void enrollingAnUnknownContactIsA404() {
    call(
        auth(
            HttpRequest.POST("/v1/automations", map("solo", "PT1H"))
                .contentType("application/json")));
    call(auth(HttpRequest.POST("/v1/automations/solo/publish", "")));
    var response =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/automations/solo/enrollments", Map.of("contactId", "c_nobody"))));
    assertThat(response.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  @Test
  void healthReportsDatabaseAndTemporal() {
    var response = call(HttpRequest.GET("/health"));
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    @SuppressWarnings("unchecked")
    var details = (Map<String, Map<String, Object>>) body(response).get("details");
    assertThat(details.get("temporal")).containsEntry("status", "UP");
    @SuppressWarnings("unchecked")
    var temporal = (Map<String, Object>) details.get("temporal").get("details");
    assertThat(temporal).containsEntry("mode", "in-memory").containsEntry("durable", false);
    assertThat(temporal.get("warning")).asString().contains("lost when the app stops");
    assertThat(details.get("jdbc")).containsEntry("status", "UP");
    // the worker polls: shown to anyone, the pollers only with the key
    assertThat(details.get("worker")).containsEntry("status", "UP").doesNotContainKey("details");
  }

  @Test
  void healthNamesThePollingWorkerOnlyWithTheKey() {
    var response = call(auth(HttpRequest.GET("/health")));
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    @SuppressWarnings("unchecked")
    var details = (Map<String, Map<String, Object>>) body(response).get("details");
    assertThat(details.get("worker")).containsEntry("status", "UP");
    @SuppressWarnings("unchecked")
    var worker = (Map<String, Object>) details.get("worker").get("details");
    assertThat(worker).containsEntry("taskQueue", "automations");
    // a service that names pollers shows them; the in-memory one does not, and the app says so
    assertThat(String.valueOf(worker.get("workflowPollers")) + worker.get("note"))
        .containsAnyOf("recent=true", "the worker in this process polls");
  }
}
