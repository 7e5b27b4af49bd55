package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.app.simulate.PreviewRunner;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Previews that would run for ever, or are asked for impossible times, answer in bounded time. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewBoundsApiTest extends ApiTestSupport {
  static final String FOREVER =
      """
      {"key": "forever", "start": "tick", "steps": [
        {"id": "tick", "type": "wait", "duration": "PT1M", "next": "tick"}]}""";

  static final String NORMAL =
      """
      {"automation": {"key": "n", "start": "w", "steps": [
        {"id": "w", "type": "wait", "duration": "P1D", "next": "e"}, {"id": "e", "type": "end"}]},
       "until": "P2D"}""";

  @Inject EmbeddedServer server;
  @Inject PreviewRunner previews;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("automap.preview.deadline", "8s");
    props.put("automap.preview.max-entries", "2000");
    return props;
  }

  HttpResponse<Map<String, Object>> post(String body) {
    return call(auth(HttpRequest.POST("/v1/simulate", body).contentType("application/json")));
  }

  @Test
  void startsAndDurationsOutOfRangeAreRefusedWhereTheyAreRead() {
    String map = "{\"key\":\"k\",\"start\":\"e\",\"steps\":[{\"id\":\"e\",\"type\":\"end\"}]}";
    for (String start : List.of("9999-12-31T00:00:00Z", "+1000000000-01-01T00:00:00Z")) {
      var response = post("{\"automation\":" + map + ",\"start\":\"" + start + "\"}");
      assertThat(response.code()).isEqualTo(422);
      assertThat(HostileInputApiTest.clean(response)).contains("path=/start,");
    }
    var response =
        post(
            "{\"automation\":"
                + map
                + ",\"events\":[{\"after\":\"PT9223372036854775807S\",\"event\":{\"type\":\"a.b\"}}]}");
    assertThat(response.code()).isEqualTo(422);
    assertThat(HostileInputApiTest.clean(response)).contains("path=/events/0/after,");
    response = post("{\"automation\":" + map + ",\"until\":\"PT9223372036854775807S\"}");
    assertThat(response.code()).isEqualTo(422);
    assertThat(HostileInputApiTest.clean(response)).contains("path=/until,");
  }

  @Test
  void aContactOfTheWrongShapeIsRefusedBeforeAnyStepSeesIt() {
    String map =
        "{\"key\":\"k\",\"start\":\"t\",\"steps\":[{\"id\":\"t\",\"type\":\"add_tags\",\"tags\":[\"a\"],\"next\":\"e\"},{\"id\":\"e\",\"type\":\"end\"}]}";
    var response = post("{\"automation\":" + map + ",\"contact\":{\"tags\":5}}");
    assertThat(response.code()).isEqualTo(422);
    assertThat(HostileInputApiTest.clean(response)).contains("path=/contact/tags,");
    response = post("{\"automation\":" + map + ",\"contact\":{\"score\":\"high\"}}");
    assertThat(response.code()).isEqualTo(422);
    assertThat(HostileInputApiTest.clean(response)).contains("path=/contact/score,");
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePreviewsScoreOverflowsAsTheRealActionDoes() throws Exception {
    for (int[] edge : new int[][] {{Integer.MAX_VALUE, 1}, {Integer.MIN_VALUE, -1}}) {
      String key = edge[1] > 0 ? "overflow-up" : "overflow-down";
      String map =
          "{\"key\":\""
              + key
              + "\",\"start\":\"s\",\"steps\":[{\"id\":\"s\",\"type\":\"adjust_score\",\"by\":"
              + edge[1]
              + ",\"next\":\"e\"},{\"id\":\"e\",\"type\":\"end\"}]}";
      var contact =
          body(
              call(
                  auth(
                      HttpRequest.POST(
                              "/v1/contacts",
                              "{\"email\":\"" + key + "@x.com\",\"score\":" + edge[0] + "}")
                          .contentType("application/json"))));
      String contactId = (String) contact.get("id");
      assertThat(
              call(auth(HttpRequest.POST("/v1/automations", map).contentType("application/json")))
                  .code())
          .isEqualTo(201);
      assertThat(call(auth(HttpRequest.POST("/v1/automations/" + key + "/publish", ""))).code())
          .isEqualTo(200);

      // the preview, with a copy of the stored contact
      var preview =
          post(
              "{\"automation\":\""
                  + key
                  + "\",\"contactId\":\""
                  + contactId
                  + "\",\"until\":\"PT1H\"}");
      assertThat(preview.code()).isEqualTo(200);
      var previewed = (Map<String, Object>) body(preview).get("state");
      var previewedStep = ((List<Map<String, Object>>) previewed.get("path")).getFirst();
      assertThat(String.valueOf(previewedStep.get("outcome"))).contains("out of range");

      // the real action on the real contact
      String enrollmentId = "default:" + key + ":" + contactId;
      assertThat(
              call(auth(
                      HttpRequest.POST(
                          "/v1/automations/" + key + "/enrollments",
                          Map.of("contactId", contactId))))
                  .code())
          .isEqualTo(201);
      Map<String, Object> run = Map.of();
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < until) {
        run =
            (Map<String, Object>)
                body(call(auth(HttpRequest.GET("/v1/enrollments/" + enrollmentId)))).get("status");
        if (run != null && "failed".equals(run.get("state"))) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(run).containsEntry("state", "failed");
      var ranStep = ((List<Map<String, Object>>) run.get("path")).getFirst();
      // one arithmetic: the same step, the same outcome, the same words
      assertThat(previewed.get("state")).isEqualTo(run.get("state"));
      assertThat(previewedStep.get("step")).isEqualTo(ranStep.get("step"));
      assertThat(previewedStep.get("outcome")).isEqualTo(ranStep.get("outcome"));
      assertThat(((Map<?, ?>) body(preview).get("contact")).get("score")).isEqualTo(edge[0]);
      assertThat(body(call(auth(HttpRequest.GET("/v1/contacts/" + contactId)))).get("score"))
          .isEqualTo(edge[0]);
    }
  }

  @Test
  void aMapThatWouldRunForEverAnswersInBoundedTimeWithWhatItDid() {
    long started = System.nanoTime();
    var response = post("{\"automation\":" + FOREVER + ",\"until\":\"P3660D\"}");
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertThat(response.code()).isEqualTo(200);
    assertThat(ms).isLessThan(15_000);
    assertThat(body(response)).containsEntry("truncated", true);
    assertThat((List<?>) body(response).get("timeline"))
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(2000);
  }

  @Test
  void twoHostilePreviewsAtOnceLeaveTheNextPreviewAnsweringInNormalTime() throws Exception {
    post(NORMAL);
    long alone = System.nanoTime();
    assertThat(post(NORMAL).code()).isEqualTo(200);
    long normalMs = (System.nanoTime() - alone) / 1_000_000;
    String hostile = "{\"automation\":" + FOREVER + ",\"until\":\"P3660D\"}";
    ExecutorService callers = Executors.newFixedThreadPool(2);
    var a = CompletableFuture.supplyAsync(() -> post(hostile), callers);
    var b = CompletableFuture.supplyAsync(() -> post(hostile), callers);
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (previews.running() < 2 && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(previews.running()).as("both hostile previews run").isEqualTo(2);
    long started = System.nanoTime();
    var normal = post(NORMAL);
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertThat(normal.code()).isEqualTo(200);
    assertThat(body(normal)).containsEntry("outcome", "completed");
    assertThat(a.isDone() || b.isDone()).as("answered while the hostile ones still ran").isFalse();
    System.out.printf(
        "a normal preview: %d ms alone, %d ms beside two hostile ones%n", normalMs, ms);
    // two busy previews share the machine's cores with it: a few times slower at most, not queued
    assertThat(ms).isLessThan(Math.max(3_000, normalMs * 4));
    assertThat(a.get().code()).isEqualTo(200);
    assertThat(b.get().code()).isEqualTo(200);
    assertThat(body(a.get())).containsEntry("truncated", true);
    callers.shutdown();
  }

  @Test
  void aClientThatGoesAwayCancelsItsPreviewAndFreesItsPlace() throws Exception {
    post(NORMAL); // warm: the hostile calls below reach the preview at once
    String hostile = "{\"automation\":" + FOREVER + ",\"until\":\"P3660D\"}";
    byte[] bytes = hostile.getBytes(StandardCharsets.UTF_8);
    URL url = server.getURL();
    List<Socket> callers = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Socket socket = new Socket(url.getHost(), url.getPort());
        callers.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1/simulate HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + EmbeddedStack.API_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
      }
      long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (previews.running() < 2 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(previews.running()).as("both previews run").isEqualTo(2);
    } finally {
      for (Socket socket : callers) {
        socket.close();
      }
    }
    long started = System.nanoTime();
    while (previews.running() > 0 && System.nanoTime() - started < 7_000_000_000L) {
      Thread.sleep(50);
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertThat(previews.running()).isZero();
    assertThat(ms)
        .as("stopped %d ms after the callers left, the deadline is 8 s", ms)
        .isLessThan(5_000);
    // their places are free, and the next preview answers
    long idle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (!previews.idle() && System.nanoTime() < idle) {
      Thread.sleep(10);
    }
    assertThat(previews.idle()).as("every preview thread is back in the pool").isTrue();
    long normal = System.nanoTime();
    var response = post(NORMAL);
    assertThat(response.code()).isEqualTo(200);
    assertThat(body(response)).containsEntry("outcome", "completed");
    assertThat((System.nanoTime() - normal) / 1_000_000).isLessThan(5_000);
  }
}
