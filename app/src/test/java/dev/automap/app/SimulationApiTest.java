package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /v1/simulate} as a marketer previews a map. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationApiTest extends ApiTestSupport {

  HttpResponse<Map<String, Object>> post(String body) {
    return call(auth(HttpRequest.POST("/v1/simulate", body).contentType("application/json")));
  }

  static final String NURTURE =
      """
      {"automation": {"key": "nurture", "start": "welcome", "steps": [
         {"id": "welcome", "type": "send_email", "subject": "Welcome {{contact.firstName}}", "body": "<p>Hi</p>", "next": "week"},
         {"id": "week", "type": "wait", "duration": "P7D", "next": "loop"},
         {"id": "loop", "type": "adjust_score", "by": 1, "next": "more?"},
         {"id": "more?", "type": "branch", "branches": [
            {"when": {"field": "contact.score", "op": "lt", "value": 12}, "next": "week"}], "else": "vip"},
         {"id": "vip", "type": "add_tags", "tags": ["engaged"], "next": "booked"},
         {"id": "booked", "type": "goal", "when": {"event": "appointment.booked"}, "ifUnmet": "wait", "next": "done"},
         {"id": "done", "type": "end"}]},
       "contact": {"id": "c_42", "firstName": "Ada", "email": "ada@example.com", "score": 0},
       "start": "2026-03-02T09:00:00Z",
       "events": [{"after": "P88D", "event": {"type": "appointment.booked"}}],
       "until": "P90D"}""";

  @Test
  void aNinetyDayJourneyComesBackAsATimeline() {
    HttpResponse<Map<String, Object>> response = null;
    for (int i = 1; i <= 3; i++) { // the first previews warm the JVM
      long started = System.nanoTime();
      response = post(NURTURE);
      System.out.printf(
          "a 90-day preview answered in %d ms (call %d)%n",
          (System.nanoTime() - started) / 1_000_000, i);
    }

    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    Map<String, Object> body = response.getBody(JSON).orElseThrow();
    @SuppressWarnings("unchecked")
    var timeline = (List<Map<String, Object>>) body.get("timeline");
    assertThat(timeline.getFirst())
        .containsEntry("step", "welcome")
        .containsEntry("type", "send_email")
        .containsEntry("outcome", "done")
        .containsEntry("detail", "email \"Welcome Ada\" to ada@example.com")
        .containsEntry("at", "2026-03-02T09:00:00Z");
    assertThat(timeline)
        .filteredOn(e -> e.get("step").equals("loop"))
        .first()
        .extracting(e -> e.get("at"))
        .isEqualTo("2026-03-09T09:00:00Z");
    assertThat(timeline).filteredOn(e -> e.get("step").equals("loop")).hasSize(12);
    assertThat(timeline.getLast()).containsEntry("step", "done");
    assertThat(body).containsEntry("outcome", "completed");
    assertThat(((Map<?, ?>) body.get("contact")).get("tags")).isEqualTo(List.of("engaged"));
  }

  @Test
  void aBrokenMapGetsTheValidatorsErrorsUnderAutomation() {
    var response =
        post(
            """
        {"automation": {"key": "x", "start": "a", "steps": [{"id": "a", "type": "wait", "duration": "PT1H", "next": "nope"}]},
         "until": "P1D", "start": "yesterday"}""");
    assertThat(response.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    String errors = response.getBody(JSON).orElseThrow().get("errors").toString();
    assertThat(errors).contains("path=/automation/steps/0/next").contains("path=/start");
  }

  @Test
  void aStoredContactIsPreviewedByItsIdAndStaysAsItWas() {
    var created =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/contacts",
                    Map.of(
                        "email",
                        "stored-" + System.nanoTime() + "@example.com",
                        "firstName",
                        "Grace",
                        "tags",
                        List.of("vip")))));
    assertThat(created.code()).isEqualTo(HttpStatus.CREATED.getCode());
    String id = (String) created.getBody(JSON).orElseThrow().get("id");
    var response =
        post(
            """
            {"automation": {"key": "greeting", "start": "vip?", "steps": [
               {"id": "vip?", "type": "branch", "branches": [
                  {"when": {"field": "contact.tags", "op": "contains", "value": "vip"}, "next": "mail"}],
                "else": "done"},
               {"id": "mail", "type": "send_email", "subject": "Hello {{contact.firstName}}", "body": "<p>Hi</p>", "next": "tag"},
               {"id": "tag", "type": "add_tags", "tags": ["greeted"], "next": "done"},
               {"id": "done", "type": "end"}]},
             "contactId": "%s"}"""
                .formatted(id));
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(200);
    Map<String, Object> body = response.getBody(JSON).orElseThrow();
    assertThat(body.get("timeline").toString()).contains("email \"Hello Grace\"");
    @SuppressWarnings("unchecked")
    var contact = (Map<String, Object>) body.get("contact");
    assertThat(contact).containsEntry("id", id);
    assertThat(contact.get("tags").toString()).contains("vip").contains("greeted");
    // the stored contact is unchanged
    var stored = call(auth(HttpRequest.GET("/v1/contacts/" + id)));
    assertThat(stored.getBody(JSON).orElseThrow().get("tags")).isEqualTo(List.of("vip"));
  }

  @Test
  void anUnknownContactIdOrBothContactsAre422() {
    var unknown =
        post(
            "{\"automation\": {\"key\": \"x\", \"start\": \"e\", \"steps\": [{\"id\": \"e\", \"type\": \"end\"}]}, \"contactId\": \"nobody\"}");
    assertThat(unknown.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    assertThat(unknown.getBody(JSON).orElseThrow().get("errors").toString())
        .contains("path=/contactId")
        .contains("no contact");
    var both =
        post(
            "{\"automation\": {\"key\": \"x\", \"start\": \"e\", \"steps\": [{\"id\": \"e\", \"type\": \"end\"}]}, \"contactId\": \"c\", \"contact\": {}}");
    assertThat(both.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
  }

  @Test
  void theSchemaAnswersApplicationJsonToo() {
    for (String accept : List.of("application/json", "application/schema+json")) {
      HttpResponse<String> schema =
          http.toBlocking()
              .exchange(
                  auth(HttpRequest.GET("/v1/schema/automation.json")).accept(accept), String.class);
      assertThat(schema.code()).isEqualTo(200);
      assertThat(schema.getContentType().orElseThrow().toString()).startsWith(accept);
      assertThat(schema.body()).contains("\"steps\"");
    }
  }

  @Test
  void notJsonIsA400() {
    assertThat(post("{nope").code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
  }
}
