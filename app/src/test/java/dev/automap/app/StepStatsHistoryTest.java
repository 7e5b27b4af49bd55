package dev.automap.app;

import static dev.automap.app.SteeringApiTest.eventually;
import static dev.automap.app.SteeringApiTest.step;
import static dev.automap.app.SteeringApiTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.automap.workers.enrollment.EngineActivitiesImpl;
import dev.automap.workers.timeline.StepCounters;
import dev.automap.workers.timeline.StepMarks;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Step stats of runs that tell the counters without a local activity before they wait: the action
 * before a wait tells its own leaving and the wait's entering as it succeeds, the end's local
 * activity tells the last marks, and each mark counts once however often it is told.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepStatsHistoryTest extends ApiTestSupport {
  @Inject WorkflowClient temporal;
  @Inject EngineActivitiesImpl engine;
  @Inject StepCounters counters;

  Map<String, Object> stats(String key) {
    var response = call(auth(HttpRequest.GET("/v1/automations/" + key + "/stats?version=1")));
    assertThat(response.code()).isEqualTo(200);
    return body(response);
  }

  /** Publishes {@code steps} as {@code key}'s map starting at {@code start}; enrolls a contact. */
  String enrolled(String key, String start, String steps) {
    post(
        "/v1/automations",
        "{\"key\": \"%s\", \"start\": \"%s\", \"steps\": [%s]}".formatted(key, start, steps),
        201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String contact =
        (String) post("/v1/contacts", Map.of("email", unique("c") + "@example.com"), 201).get("id");
    return (String)
        post("/v1/automations/" + key + "/enrollments", Map.of("contactId", contact), 201)
            .get("enrollmentId");
  }

  long count(String key, String stepId, String name) {
    Object n = step(stats(key), stepId).get(name);
    return n == null ? 0 : ((Number) n).longValue();
  }

  @Test
  void aRunParkedOnAWaitAfterAnActionShowsBothWithoutALocalActivityBeforeTheTimer()
      throws Exception {
    String key = unique("told");
    String run =
        enrolled(
            key,
            "tag",
            """
            {"id": "tag", "type": "add_tags", "tags": ["seen"], "next": "hold"},
            {"id": "hold", "type": "wait", "duration": "P1D", "next": "done"},
            {"id": "done", "type": "end"}""");
    eventually("the run waits on hold", () -> count(key, "hold", "active") == 1);

    var stats = stats(key);
    assertThat(step(stats, "tag"))
        .containsEntry("entered", 1)
        .containsEntry("completed", 1)
        .containsEntry("active", 0);
    assertThat(step(stats, "hold"))
        .containsEntry("entered", 1)
        .containsEntry("active", 1)
        .containsEntry("completed", 0);
    var onHold = call(auth(HttpRequest.GET("/v1/automations/" + key + "/enrollments?step=hold")));
    assertThat(body(onHold).get("items").toString()).contains(run);

    List<EventType> types = types(run);
    assertThat(types).contains(EventType.EVENT_TYPE_TIMER_STARTED);
    assertThat(types)
        .as("no marker at all: no version marker, no local activity telling the counters")
        .doesNotContain(EventType.EVENT_TYPE_MARKER_RECORDED);
    assertThat(
            types.stream().filter(t -> t == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES))
        .as("the wait shows RunState/CurrentStep: operators query them")
        .hasSize(1);
  }

  @Test
  void anActionRetriedBeforeAWaitCountsOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          // the first attempt fails as a busy receiver would: the activity is retried
          exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 200, -1);
          exchange.close();
        });
    server.start();
    try {
      String key = unique("retried");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      String run =
          enrolled(
              key,
              "tag",
              """
              {"id": "tag", "type": "add_tags", "tags": ["seen"], "next": "call"},
              {"id": "call", "type": "webhook", "method": "POST", "url": "%s", "next": "hold"},
              {"id": "hold", "type": "wait", "duration": "P1D", "next": "done"},
              {"id": "done", "type": "end"}"""
                  .formatted(url));
      eventually("the run waits on hold", () -> count(key, "hold", "active") == 1);

      assertThat(calls.get()).as("the webhook was tried twice").isEqualTo(2);
      var stats = stats(key);
      assertThat(step(stats, "tag")).containsEntry("entered", 1).containsEntry("completed", 1);
      assertThat(step(stats, "call"))
          .containsEntry("entered", 1)
          .containsEntry("completed", 1)
          .containsEntry("failed", 0)
          .containsEntry("active", 0);
      assertThat(step(stats, "hold")).containsEntry("entered", 1).containsEntry("active", 1);
      assertThat(types(run)).doesNotContain(EventType.EVENT_TYPE_MARKER_RECORDED);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRunExitedDuringTheActionBeforeAWaitCountsTheWaitEnteredAndLeft() throws Exception {
    CountDownLatch called = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/slow",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          called.countDown();
          try {
            // the receiver answers once the run was told to exit
            answer.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String key = unique("exited");
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
      String run =
          enrolled(
              key,
              "call",
              """
              {"id": "call", "type": "webhook", "method": "POST", "url": "%s", "timeout": "PT60S",
               "next": "hold"},
              {"id": "hold", "type": "wait", "duration": "P1D", "next": "done"},
              {"id": "done", "type": "end"}"""
                  .formatted(url));
      assertThat(called.await(30, TimeUnit.SECONDS)).as("the webhook was called").isTrue();
      post("/v1/enrollments/" + run + "/exit", Map.of("reason", "left mid-call"), 202);
      Thread.sleep(2_000); // the run hears the exit while the action is under way
      answer.countDown();
      eventually("the run exited", () -> ((Number) stats(key).get("exited")).intValue() == 1);

      var stats = stats(key);
      assertThat(step(stats, "call"))
          .containsEntry("entered", 1)
          .containsEntry("completed", 1)
          .containsEntry("active", 0);
      assertThat(step(stats, "hold"))
          .as("told entered by the action's activity, the path stopped before it: left at once")
          .containsEntry("entered", 1)
          .containsEntry("left", 1)
          .containsEntry("active", 0);
      var onHold =
          body(call(auth(HttpRequest.GET("/v1/automations/" + key + "/enrollments?step=hold"))));
      assertThat(onHold.get("items").toString()).as("nobody stands on hold").doesNotContain(run);
    } finally {
      answer.countDown();
      server.stop(0);
    }
  }

  @Test
  void theEndsMarksToldTwiceCountOnce() {
    String key = unique("end-twice");
    String workflowId = "default:" + key + ":c_end";
    StepMarks marks =
        new StepMarks(
            "default",
            "c_end",
            workflowId,
            key,
            1,
            List.of(
                new StepMarks.Mark(
                    workflowId + "/r/done/1/in",
                    "done",
                    "end",
                    StepMarks.ENTER,
                    null,
                    null,
                    true,
                    null,
                    Instant.now()),
                new StepMarks.Mark(
                    workflowId + "/r/done/1/out",
                    "done",
                    "end",
                    StepMarks.LEAVE,
                    "completed",
                    null,
                    false,
                    "reached done",
                    Instant.now())));

    engine.finish(workflowId, "completed", null, Instant.now(), marks);
    engine.finish(workflowId, "completed", null, Instant.now(), marks);

    assertThat(counters.of("default", key, 1).get("done"))
        .as("a retried finish counts its marks once")
        .containsEntry("entered", 1L)
        .containsEntry("completed", 1L)
        .containsEntry("active", 0L);
  }

  List<EventType> types(String workflowId) {
    return temporal.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .map(HistoryEvent::getEventType)
        .toList();
  }
}
