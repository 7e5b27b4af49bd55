package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Seeing and steering runs: step stats per version, the runs on a step, rollback. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SteeringApiTest extends ApiTestSupport {

  static void eventually(String what, Supplier<Boolean> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!condition.get()) {
      if (Instant.now().isAfter(deadline)) {
        fail("not within 30 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> step(Map<String, Object> stats, String id) {
    return (Map<String, Object>) ((Map<String, Object>) stats.get("steps")).get(id);
  }

  static String v1(String key) {
    return """
        {"key": "%s", "start": "tag", "steps": [
          {"id": "tag", "type": "add_tags", "tags": ["seen"], "next": "vip?"},
          {"id": "vip?", "type": "branch", "branches": [
             {"name": "vip", "when": {"field": "contact.score", "op": "gte", "value": 10}, "next": "hold"}],
           "else": "hold"},
          {"id": "hold", "type": "wait", "duration": "P1D", "next": "done"},
          {"id": "won", "type": "goal", "when": {"event": "deal.won"}, "ifUnmet": "end", "next": "done"},
          {"id": "done", "type": "end"}]}"""
        .formatted(key);
  }

  static String v2(String key) {
    return """
        {"key": "%s", "start": "tag", "steps": [
          {"id": "tag", "type": "add_tags", "tags": ["seen"], "next": "half?"},
          {"id": "half?", "type": "switch", "on": "contact.score", "cases": [{"value": 5, "next": "hold2"}], "default": "hold2"},
          {"id": "hold2", "type": "wait", "duration": "P1D", "next": "done"},
          {"id": "done", "type": "end"}]}"""
        .formatted(key);
  }

  @Test
  @SuppressWarnings("unchecked")
  void statsCountEveryStepPerVersionAndTheListingFindsTheRunsOnAStep() throws Exception {
    String key = unique("steer");
    post("/v1/automations", v1(key), 201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String vip = contact(20);
    String plain = contact(0);
    String vipRun = enroll(key, vip);
    Thread.sleep(5); // newest first: the runs start in turn
    String plainRun = enroll(key, plain);
    eventually(
        "both runs wait on hold",
        () ->
            ((Number)
                        step(get("/v1/automations/" + key + "/stats?version=1"), "hold")
                            .get("active"))
                    .intValue()
                == 2);

    post(
        "/v1/events?wait=true",
        Map.of("id", unique("evt"), "type", "deal.won", "contactId", vip),
        202);
    eventually(
        "the goal was met and the run completed",
        () ->
            ((Number) get("/v1/automations/" + key + "/stats?version=1").get("completed"))
                    .intValue()
                == 1);

    var stats = get("/v1/automations/" + key + "/stats?version=1");
    assertThat(stats)
        .containsEntry("version", 1)
        .containsEntry("enrolled", 2)
        .containsEntry("active", 1)
        .containsEntry("completed", 1)
        .containsEntry("goalsMet", 1)
        .containsEntry("conversion", 0.5);
    assertThat(step(stats, "tag"))
        .containsEntry("type", "add_tags")
        .containsEntry("entered", 2)
        .containsEntry("completed", 2)
        .containsEntry("active", 0);
    assertThat(step(stats, "vip?"))
        .containsEntry("type", "branch")
        .containsEntry("entered", 2)
        .containsEntry("paths", Map.of("vip", 1, "otherwise", 1));
    assertThat(step(stats, "hold"))
        .containsEntry("active", 1)
        .containsEntry("entered", 2)
        .containsEntry("left", 1)
        .containsEntry("completed", 0);
    assertThat(step(stats, "won")).containsEntry("entered", 1).containsEntry("completed", 1);
    assertThat(step(stats, "done")).containsEntry("entered", 1).containsEntry("completed", 1);

    // the runs on a step, from the store
    var onHold = get("/v1/automations/" + key + "/enrollments?step=hold");
    assertThat((List<Map<String, Object>>) onHold.get("items"))
        .extracting(m -> m.get("enrollmentId"))
        .containsExactly(plainRun);
    var completed = get("/v1/automations/" + key + "/enrollments?state=completed");
    assertThat((List<Map<String, Object>>) completed.get("items"))
        .extracting(m -> m.get("enrollmentId"))
        .containsExactly(vipRun);

    // version 2 drops the branch and the goal, adds a switch and another wait
    var draft =
        call(
            auth(
                HttpRequest.PUT("/v1/automations/" + key, v2(key))
                    .contentType("application/json")));
    assertThat(draft.code()).isEqualTo(200);
    post("/v1/automations/" + key + "/publish", "", 200);
    String third = contact(5);
    String thirdRun = enroll(key, third);
    eventually(
        "the new run waits on hold2",
        () ->
            ((Number)
                        step(get("/v1/automations/" + key + "/stats?version=2"), "hold2")
                            .get("active"))
                    .intValue()
                == 1);
    var second = get("/v1/automations/" + key + "/stats?version=2");
    assertThat(second).containsEntry("enrolled", 1).containsEntry("active", 1);
    assertThat((Map<String, Object>) second.get("steps")).doesNotContainKeys("vip?", "hold", "won");
    assertThat(step(second, "half?"))
        .containsEntry("type", "switch")
        .containsEntry("paths", Map.of("5", 1));
    assertThat(step(get("/v1/automations/" + key + "/stats?version=1"), "hold"))
        .as("version 1 keeps its numbers")
        .containsEntry("active", 1);
    var all = get("/v1/automations/" + key + "/stats");
    assertThat(all).containsEntry("enrolled", 3).containsEntry("active", 2);
    assertThat((Map<String, Object>) all.get("steps")).containsKeys("vip?", "hold", "hold2");
    assertThat(step(all, "tag")).containsEntry("entered", 3);

    // newest first, a page at a time
    List<Object> seen = new ArrayList<>();
    String cursor = null;
    do {
      var page =
          get(
              "/v1/automations/"
                  + key
                  + "/enrollments?limit=1"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      ((List<Map<String, Object>>) page.get("items")).forEach(m -> seen.add(m.get("enrollmentId")));
      cursor = (String) page.get("cursor");
    } while (cursor != null);
    assertThat(seen).containsExactly(thirdRun, plainRun, vipRun);

    assertThat(call(auth(HttpRequest.GET("/v1/automations/" + key + "/stats?version=9"))).code())
        .isEqualTo(400);
    assertThat(
            call(auth(HttpRequest.GET("/v1/automations/" + key + "/enrollments?state=asleep")))
                .code())
        .isEqualTo(400);
    assertThat(
            call(auth(HttpRequest.GET("/v1/automations/" + key + "/enrollments?cursor=nope")))
                .code())
        .isEqualTo(400);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rollbackPublishesACopyOfAnOlderVersionAsTheNewActiveOne() throws Exception {
    String key = unique("rollback");
    post("/v1/automations", v1(key), 201);
    post("/v1/automations/" + key + "/publish", "", 200);
    var draft =
        call(
            auth(
                HttpRequest.PUT("/v1/automations/" + key, v2(key))
                    .contentType("application/json")));
    assertThat(draft.code()).isEqualTo(200);
    post("/v1/automations/" + key + "/publish", "", 200);

    var rolledBack = post("/v1/automations/" + key + "/rollback", Map.of("version", 1), 200);
    assertThat(rolledBack)
        .containsEntry("key", key)
        .containsEntry("version", 3)
        .containsEntry("status", "active")
        .containsEntry("copiedFrom", 1);
    assertThat(get("/v1/automations/" + key)).containsEntry("activeVersion", 3);
    var copy = call(auth(HttpRequest.GET("/v1/automations/" + key + "/versions/3")));
    assertThat(copy.code()).isEqualTo(200);
    String third = contact(1);
    String run = enroll(key, third);
    eventually(
        "the run follows the copy of version 1",
        () -> {
          var items =
              (List<Map<String, Object>>)
                  get("/v1/automations/" + key + "/enrollments?step=hold").get("items");
          return items.size() == 1
              && items.getFirst().get("enrollmentId").equals(run)
              && items.getFirst().get("version").equals(3);
        });

    var missing =
        call(auth(HttpRequest.POST("/v1/automations/" + key + "/rollback", Map.of("version", 9))));
    assertThat(missing.code()).isEqualTo(400);
    assertThat(body(missing).get("errors").toString()).contains("path=/version");
    assertThat(
            call(auth(HttpRequest.POST("/v1/automations/" + key + "/rollback", Map.of()))).code())
        .isEqualTo(400);
    assertThat(
            call(auth(
                    HttpRequest.POST(
                        "/v1/automations/nope-" + key + "/rollback", Map.of("version", 1))))
                .code())
        .isEqualTo(404);
  }
}
