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
  void notJsonIsA400() {
    assertThat(post("{nope").code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
  }
}
