package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.migration.Migrations;
import dev.automap.workers.run.EngineActivities;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A marketer changes a map while contacts are in it: version 2 is published and the contacts
 * waiting in version 1 are moved to it through the API, one waiting on a timer, one waiting for an
 * event; one on a step the mapping leaves out stays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationScenarioTest extends ApiTestSupport {

  /** Score 100 or more parks, 10 or more waits for the form, others wait three days. */
  static String v1(String key) {
    return """
        {"key": "%s", "start": "hello", "steps": [
          {"id": "hello", "type": "add_tags", "tags": ["hello"], "next": "route"},
          {"id": "route", "type": "branch", "branches": [
             {"name": "parked", "when": {"field": "contact.score", "op": "gte", "value": 100}, "next": "park"},
             {"name": "asked", "when": {"field": "contact.score", "op": "gte", "value": 10}, "next": "ask"}],
           "else": "hold"},
          {"id": "hold", "type": "wait", "duration": "P3D", "next": "v1-nudge"},
          {"id": "v1-nudge", "type": "add_tags", "tags": ["v1-nudge"], "next": "done"},
          {"id": "ask", "type": "wait_for", "event": {"event": "form.submitted"}, "timeout": "P30D",
           "next": "v1-thanks", "onTimeout": "done"},
          {"id": "v1-thanks", "type": "add_tags", "tags": ["v1-thanks"], "next": "done"},
          {"id": "park", "type": "wait", "duration": "P3D", "next": "done"},
          {"id": "done", "type": "end"}]}"""
        .formatted(key);
  }

  /** The waits are followed by other steps; the timer is two seconds now. */
  static String v2(String key) {
    return """
        {"key": "%s", "start": "hello", "steps": [
          {"id": "hello", "type": "add_tags", "tags": ["hello"], "next": "route"},
          {"id": "route", "type": "branch", "branches": [
             {"name": "parked", "when": {"field": "contact.score", "op": "gte", "value": 100}, "next": "park"},
             {"name": "asked", "when": {"field": "contact.score", "op": "gte", "value": 10}, "next": "ask2"}],
           "else": "hold2"},
          {"id": "hold2", "type": "wait", "duration": "PT2S", "next": "v2-nudge"},
          {"id": "v2-nudge", "type": "add_tags", "tags": ["v2-nudge"], "next": "done"},
          {"id": "ask2", "type": "wait_for", "event": {"event": "form.submitted"}, "timeout": "P30D",
           "next": "v2-thanks", "onTimeout": "done"},
          {"id": "v2-thanks", "type": "add_tags", "tags": ["v2-thanks"], "next": "done"},
          {"id": "park", "type": "wait", "duration": "P3D", "next": "done"},
          {"id": "done", "type": "end"}]}"""
        .formatted(key);
  }

  @SuppressWarnings("unchecked")
  List<String> tags(String contactId) {
    return (List<String>) get("/v1/contacts/" + contactId).get("tags");
  }

  /**
   * The run as the enrollments listing shows it (from the store: a status query racing the run's
   * continue-as-new may wait for the run's next workflow task).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> record(String key, String enrollmentId) {
    var items =
        (List<Map<String, Object>>) get("/v1/automations/" + key + "/enrollments").get("items");
    return items.stream()
        .filter(item -> enrollmentId.equals(item.get("enrollmentId")))
        .findFirst()
        .orElseThrow();
  }

  /** The runs on a step: enrollment id → version. */
  @SuppressWarnings("unchecked")
  Map<Object, Object> onStep(String key, String step) {
    var items =
        (List<Map<String, Object>>)
            get("/v1/automations/" + key + "/enrollments?step=" + step).get("items");
    var out = new java.util.LinkedHashMap<Object, Object>();
    items.forEach(item -> out.put(item.get("enrollmentId"), item.get("version")));
    return out;
  }

  long active(String key, int version, String step) {
    return ((Number)
            SteeringApiTest.step(get("/v1/automations/" + key + "/stats?version=" + version), step)
                .get("active"))
        .longValue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void contactsWaitingOnATimerAndForAnEventMoveToVersionTwoAndAnUnmappedOneStays()
      throws Exception {
    String key = SteeringApiTest.unique("migrate");
    post("/v1/automations", v1(key), 201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String timer = contact(0);
    String waiting = contact(20);
    String parked = contact(200);
    String timerRun = enroll(key, timer);
    String waitingRun = enroll(key, waiting);
    String parkedRun = enroll(key, parked);
    SteeringApiTest.eventually(
        "the three contacts wait on hold, ask and park",
        () ->
            active(key, 1, "hold") == 1
                && active(key, 1, "ask") == 1
                && active(key, 1, "park") == 1);

    var draft =
        call(
            auth(
                HttpRequest.PUT("/v1/automations/" + key, v2(key))
                    .contentType("application/json")));
    assertThat(draft.code()).isEqualTo(200);
    post("/v1/automations/" + key + "/publish", "", 200);
    String migrations = "/v1/automations/" + key + "/migrations";
    Map<String, Object> mapping = Map.of("hold", "hold2", "ask", "ask2");

    // a dry run tells what would move and moves nothing
    var dry = post(migrations, Map.of("from", 1, "to", 2, "steps", mapping, "dryRun", true), 202);
    assertThat(dry).containsEntry("migrationId", null).containsEntry("dryRun", true);
    assertThat(dry).containsEntry("runs", 2);
    assertThat((List<Map<String, Object>>) dry.get("moving"))
        .extracting(m -> m.get("enrollmentId") + " " + m.get("step") + ">" + m.get("toStep"))
        .containsExactlyInAnyOrder(timerRun + " hold>hold2", waitingRun + " ask>ask2");
    assertThat((List<Map<String, Object>>) dry.get("refused"))
        .extracting(m -> m.get("enrollmentId") + " " + m.get("step"))
        .containsExactly(parkedRun + " park");
    Thread.sleep(3_000);
    assertThat(onStep(key, "hold")).containsEntry(timerRun, 1);
    assertThat(onStep(key, "ask")).containsEntry(waitingRun, 1);
    assertThat(tags(timer)).doesNotContain("v2-nudge");
    assertThat(get("/v1/automations/" + key + "/stats?version=2")).containsEntry("migratedIn", 0);

    // bad requests name where they are wrong
    assertInvalid(
        migrations, "{\"from\": 1, \"to\": 1, \"steps\": {\"hold\": \"hold\"}}", 422, "/to");
    assertInvalid(
        migrations, "{\"from\": 9, \"to\": 2, \"steps\": {\"hold\": \"hold2\"}}", 422, "/from");
    assertInvalid(
        migrations, "{\"from\": 1, \"to\": 7, \"steps\": {\"hold\": \"hold2\"}}", 422, "/to");
    assertInvalid(
        migrations,
        "{\"from\": 1, \"to\": 2, \"steps\": {\"hold\": \"nope\"}}",
        422,
        "/steps/hold");
    assertInvalid(
        migrations,
        "{\"from\": 1, \"to\": 2, \"steps\": {\"a/b\": \"hold2\"}}",
        422,
        "/steps/a~1b");
    assertInvalid(
        migrations, "{\"from\": 1, \"to\": 2, \"steps\": {\"hold\": 3}}", 400, "/steps/hold");
    assertInvalid(
        migrations,
        "{\"from\": \"one\", \"to\": 2, \"steps\": {\"hold\": \"hold2\"}}",
        400,
        "/from");
    assertInvalid(migrations, "{\"from\": 1, \"to\": 2, \"steps\": {}}", 400, "/steps");
    assertInvalid(
        migrations,
        "{\"from\": 1, \"to\": 2, \"steps\": {\"hold\": \"hold2\"}, \"dryRun\": \"yes\"}",
        400,
        "/dryRun");
    assertInvalid(migrations, "[1, 2]", 400, null);
    assertThat(
            call(auth(
                    HttpRequest.POST(
                            "/v1/automations/nope-" + key + "/migrations",
                            "{\"from\": 1, \"to\": 2, \"steps\": {\"hold\": \"hold2\"}}")
                        .contentType("application/json")))
                .code())
        .isEqualTo(404);

    // the real migration
    var started = post(migrations, Map.of("from", 1, "to", 2, "steps", mapping), 202);
    String migrationId = (String) started.get("migrationId");
    assertThat(migrationId).startsWith("mig_");
    assertThat(started).containsEntry("runs", 2).containsEntry("dryRun", false);
    assertThat((List<Map<String, Object>>) started.get("refused"))
        .extracting(m -> m.get("enrollmentId"))
        .containsExactly(parkedRun);

    // the contact that waited three days goes on through version 2's two-second wait
    SteeringApiTest.eventually(
        "the timer-waiting contact went through version 2",
        () -> "completed".equals(record(key, timerRun).get("state")));
    assertThat(tags(timer)).contains("hello", "v2-nudge").doesNotContain("v1-nudge");
    assertThat(record(key, timerRun)).containsEntry("version", 2);

    // the contact waiting for the form waits on version 2 now, and the form takes it on there
    SteeringApiTest.eventually(
        "the event-waiting contact is on ask2 of version 2",
        () -> Integer.valueOf(2).equals(onStep(key, "ask2").get(waitingRun)));
    assertThat(onStep(key, "ask")).doesNotContainKey(waitingRun);
    post(
        "/v1/events?wait=true",
        Map.of("id", SteeringApiTest.unique("evt"), "type", "form.submitted", "contactId", waiting),
        202);
    SteeringApiTest.eventually(
        "the event-waiting contact went on in version 2",
        () -> "completed".equals(record(key, waitingRun).get("state")));
    assertThat(tags(waiting)).contains("v2-thanks").doesNotContain("v1-thanks");

    // the contact on the unmapped step stays on version 1
    assertThat(onStep(key, "park")).containsEntry(parkedRun, 1);
    assertThat(record(key, parkedRun))
        .containsEntry("state", "running")
        .containsEntry("version", 1);

    var progress = get("/v1/migrations/" + migrationId);
    assertThat(progress)
        .containsEntry("migrationId", migrationId)
        .containsEntry("automationKey", key)
        .containsEntry("from", 1)
        .containsEntry("to", 2)
        .containsEntry("state", "done")
        .containsEntry("runs", 2)
        .containsEntry("moved", 2)
        .containsEntry("waiting", 0);
    assertThat((List<Map<String, Object>>) progress.get("refused"))
        .extracting(m -> m.get("enrollmentId") + " " + m.get("step"))
        .containsExactly(parkedRun + " park");
    assertThat(call(auth(HttpRequest.GET("/v1/migrations/mig_nope"))).code()).isEqualTo(404);

    var first = get("/v1/automations/" + key + "/stats?version=1");
    assertThat(first)
        .containsEntry("enrolled", 3)
        .containsEntry("migratedOut", 2)
        .containsEntry("migratedIn", 0)
        .containsEntry("active", 1);
    assertThat(SteeringApiTest.step(first, "hold"))
        .containsEntry("active", 0)
        .containsEntry("left", 1);
    assertThat(SteeringApiTest.step(first, "ask"))
        .containsEntry("active", 0)
        .containsEntry("left", 1);
    var second = get("/v1/automations/" + key + "/stats?version=2");
    assertThat(second)
        .containsEntry("enrolled", 0)
        .containsEntry("migratedIn", 2)
        .containsEntry("completed", 2)
        .containsEntry("active", 0);
    assertThat(SteeringApiTest.step(second, "hold2"))
        .containsEntry("entered", 1)
        .containsEntry("completed", 1);
    assertThat(SteeringApiTest.step(second, "v2-nudge")).containsEntry("completed", 1);
    assertThat(SteeringApiTest.step(second, "ask2")).containsEntry("completed", 1);
  }

  @Inject Migrations migrations;

  @Test
  void aMoveRecordedTwiceCountsOnceAndAVersionThatCannotBeFollowedRecordsNothing()
      throws Exception {
    String key = SteeringApiTest.unique("migrate-once");
    post("/v1/automations", v1(key), 201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String contactId = contact(0);
    String run = enroll(key, contactId);
    SteeringApiTest.eventually("the contact waits on hold", () -> active(key, 1, "hold") == 1);
    var draft =
        call(
            auth(
                HttpRequest.PUT("/v1/automations/" + key, v2(key))
                    .contentType("application/json")));
    assertThat(draft.code()).isEqualTo(200);

    var missing =
        new EngineActivities.MigrationMove(
            run, "run-1", "default", key, 1, 2, null, List.of("hold"), List.of("no-such-step"));
    assertThat(migrations.recordMove(missing)).as("no such step in version 2").isNull();
    var move =
        new EngineActivities.MigrationMove(
            run, "run-1", "default", key, 1, 2, null, List.of("hold"), List.of("hold2"));
    assertThat(migrations.recordMove(move).step("hold2")).isNotNull();
    assertThat(migrations.recordMove(move).step("hold2")).as("a retry answers the map").isNotNull();

    assertThat(get("/v1/automations/" + key + "/stats?version=1"))
        .containsEntry("migratedOut", 1)
        .containsEntry("active", 0);
    assertThat(get("/v1/automations/" + key + "/stats?version=2"))
        .containsEntry("migratedIn", 1)
        .containsEntry("active", 1);
    assertThat(record(key, run)).containsEntry("version", 2);
  }

  @SuppressWarnings("unchecked")
  void assertInvalid(String path, String json, int status, String at) {
    var response = call(auth(HttpRequest.POST(path, json).contentType("application/json")));
    assertThat(response.code()).as(json).isEqualTo(status);
    assertThat(response.getContentType().map(Object::toString).orElse(""))
        .isEqualTo("application/problem+json");
    if (at == null) {
      return;
    }
    assertThat((List<Map<String, Object>>) body(response).get("errors"))
        .as(json)
        .extracting(e -> e.get("path"))
        .contains(at);
  }
}
