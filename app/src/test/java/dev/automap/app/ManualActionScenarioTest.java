package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A map waits for a person: its task completed through the API moves the run on (HighLevel's
 * "manual action"); an appointment booked through the API meets a map's goal and enrolls the maps
 * that start on {@code appointment.booked}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManualActionScenarioTest extends ApiTestSupport {

  Map<String, Object> ok(MutableHttpRequest<?> request, int status) {
    var response = call(auth(request));
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(status);
    return response.getBody(JSON).orElseThrow();
  }

  static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  void publish(String map) {
    ok(HttpRequest.POST("/v1/automations", map).contentType("application/json"), 201);
    String key = map.replaceAll("(?s).*\"key\": \"([^\"]+)\".*", "$1");
    ok(HttpRequest.POST("/v1/automations/" + key + "/publish", ""), 200);
  }

  String newContact() {
    return (String)
        ok(
                HttpRequest.POST(
                    "/v1/contacts",
                    Map.of("email", unique("m") + "@example.com", "firstName", "Ada")),
                201)
            .get("id");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> items(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("items");
  }

  @SuppressWarnings("unchecked")
  List<String> tags(String contactId) {
    Object tags = ok(HttpRequest.GET("/v1/contacts/" + contactId), 200).get("tags");
    return tags == null ? List.of() : (List<String>) tags;
  }

  @SuppressWarnings("unchecked")
  String state(String enrollmentId) {
    var record =
        (Map<String, Object>)
            ok(HttpRequest.GET("/v1/enrollments/" + enrollmentId), 200).get("record");
    return (String) record.get("state");
  }

  static <T> T eventually(String what, Supplier<T> found) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      T value = found.get();
      if (value != null) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        fail(what + " within a minute");
      }
      Thread.sleep(200);
    }
  }

  @Test
  void aRunWaitsForItsTaskAndCompletingItThroughTheApiMovesItOn() throws InterruptedException {
    String user = (String) ok(HttpRequest.POST("/v1/users", Map.of("name", "Rita")), 201).get("id");
    String key = unique("call-");
    publish(
        """
        {"key": "%s", "name": "Call the lead", "start": "call",
         "steps": [
           {"id": "call", "type": "create_task", "title": "Call {{contact.firstName}}", "assignee": "%s", "next": "called?"},
           {"id": "called?", "type": "wait_for", "event": {"event": "task.completed"}, "timeout": "P7D",
            "next": "thank", "onTimeout": "done"},
           {"id": "thank", "type": "add_tags", "tags": ["called"], "next": "done"},
           {"id": "done", "type": "end"}]}"""
            .formatted(key, user));
    String contactId = newContact();
    String run =
        (String)
            ok(
                    HttpRequest.POST(
                        "/v1/automations/" + key + "/enrollments", Map.of("contactId", contactId)),
                    201)
                .get("enrollmentId");

    Map<String, Object> task =
        eventually(
            "the run's task appears",
            () ->
                items(ok(HttpRequest.GET("/v1/tasks?assignee=" + user), 200)).stream()
                    .findFirst()
                    .orElse(null));
    assertThat(task)
        .containsEntry("contactId", contactId)
        .containsEntry("title", "Call Ada")
        .containsEntry("status", "open");
    eventually(
        "the run waits for the task",
        () -> {
          var status = ok(HttpRequest.GET("/v1/enrollments/" + run), 200).get("status").toString();
          return status.contains("state=waiting") && status.contains("steps=[called?]")
              ? status
              : null;
        });
    assertThat(tags(contactId)).doesNotContain("called");

    var done =
        ok(HttpRequest.POST("/v1/tasks/" + task.get("id") + "/complete", Map.of("by", user)), 200);
    assertThat(done).containsEntry("changed", true);
    eventually(
        "the run ends after the task is done", () -> "completed".equals(state(run)) ? true : null);
    assertThat(tags(contactId)).contains("called");
    // a second completion is answered and moves nothing
    assertThat(ok(HttpRequest.POST("/v1/tasks/" + task.get("id") + "/complete", ""), 200))
        .containsEntry("changed", false);
    assertThat(state(run)).isEqualTo("completed");
  }

  @Test
  void anAppointmentBookedThroughTheApiMeetsAGoalAndEnrollsAMapThatUpdatesItsStatus()
      throws InterruptedException {
    String goalKey = unique("book-");
    publish(
        """
        {"key": "%s", "name": "Get a booking", "start": "nudge",
         "steps": [
           {"id": "nudge", "type": "wait", "duration": "P30D", "next": "booked"},
           {"id": "booked", "type": "goal", "when": {"event": "appointment.booked"}, "ifUnmet": "end", "next": "tag"},
           {"id": "tag", "type": "add_tags", "tags": ["booked"], "next": "done"},
           {"id": "done", "type": "end"}]}"""
            .formatted(goalKey));
    String showKey = unique("show-");
    publish(
        """
        {"key": "%s", "name": "Mark as showed", "start": "mark",
         "triggers": [{"event": "appointment.booked", "where": {"field": "event.data.calendar", "op": "eq", "value": "%s"}}],
         "steps": [
           {"id": "mark", "type": "update_appointment_status", "appointment": "{{event.data.appointmentId}}",
            "status": "showed", "next": "done"},
           {"id": "done", "type": "end"}]}"""
            .formatted(showKey, showKey));
    String contactId = newContact();
    String run =
        (String)
            ok(
                    HttpRequest.POST(
                        "/v1/automations/" + goalKey + "/enrollments",
                        Map.of("contactId", contactId)),
                    201)
                .get("enrollmentId");
    eventually(
        "the run waits",
        () ->
            ok(HttpRequest.GET("/v1/enrollments/" + run), 200)
                    .get("status")
                    .toString()
                    .contains("steps=[nudge]")
                ? true
                : null);

    var booked =
        ok(
            HttpRequest.POST(
                "/v1/appointments",
                Map.of(
                    "contactId",
                    contactId,
                    "startsAt",
                    "2026-12-01T09:00:00Z",
                    "calendar",
                    showKey)),
            201);
    String appointment = (String) booked.get("id");

    eventually("the goal is met", () -> "completed".equals(state(run)) ? true : null);
    assertThat(tags(contactId)).contains("booked");
    eventually(
        "the triggered map marks the appointment",
        () ->
            "showed"
                    .equals(
                        ok(HttpRequest.GET("/v1/appointments/" + appointment), 200).get("status"))
                ? true
                : null);
    assertThat(
            ok(HttpRequest.GET("/v1/enrollments/default:" + showKey + ":" + contactId), 200)
                .toString())
        .contains("automationKey=" + showKey);
  }
}
