package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.enrollment.EnrollmentState;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import dev.automap.workers.temporal.TemporalUnavailable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pause, resume and exit while the Temporal service does not answer: 503 with {@code Retry-After}
 * within seconds, as {@code POST /v1/events} answers, not after a minute of the client's retries.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunSignalOutageApiTest extends ApiTestSupport {

  @Inject EnrollmentRepository enrollments;

  /** A Temporal that takes connections and never answers, as a stopped or frozen server. */
  private java.net.ServerSocket silent;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(EmbeddedStack.properties());
    try {
      silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    props.put("temporal.address", "127.0.0.1:" + silent.getLocalPort());
    props.put("automap.worker.enabled", "false");
    return props;
  }

  @Override
  io.micronaut.http.HttpResponse<Map<String, Object>> call(MutableHttpRequest<?> request) {
    return super.call(auth(request));
  }

  @org.junit.jupiter.api.AfterAll
  void close() throws java.io.IOException {
    silent.close();
  }

  @Test
  void pauseResumeAndExitAnswer503WithRetryAfterWithinSeconds() {
    String workflowId = runningRecord();
    for (String signal : new String[] {"pause", "resume", "exit"}) {
      Instant asked = Instant.now();
      var response = call(HttpRequest.POST("/v1/enrollments/" + workflowId + "/" + signal, "{}"));
      Duration took = Duration.between(asked, Instant.now());
      System.out.println(signal + " answered " + response.code() + " in " + took);
      assertThat(response.code()).as(signal + ": " + response.getBody(JSON)).isEqualTo(503);
      assertThat(response.getHeaders().get("Retry-After")).as(signal).isNotBlank();
      assertThat(body(response).get("type").toString()).endsWith("temporal-unavailable");
      // a call to Temporal made for an API caller gives up after TemporalUnavailable.CALL_LIMIT
      assertThat(took)
          .as(signal + " answered within seconds")
          .isLessThan(TemporalUnavailable.CALL_LIMIT.plusSeconds(2));
    }
  }

  @Test
  void oneEnrollmentAnswersItsRecordWithinSecondsWhenItsRunCannotBeAsked() {
    String workflowId = runningRecord();
    String contactId = workflowId.substring("default:outage:".length());
    Instant asked = Instant.now();
    var response = call(HttpRequest.GET("/v1/enrollments/" + workflowId));
    Duration took = Duration.between(asked, Instant.now());
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(200);
    Map<String, Object> body = body(response);
    assertThat(body.get("status")).isNull();
    assertThat(body.get("statusUnavailable").toString()).contains("did not answer");
    @SuppressWarnings("unchecked")
    Map<String, Object> record = (Map<String, Object>) body.get("record");
    assertThat(record.get("contactId")).isEqualTo(contactId);
    assertThat(record.get("state")).isEqualTo("running");
    assertThat(took).isLessThan(TemporalUnavailable.CALL_LIMIT.plusSeconds(2));
  }

  /** The record of a running run whose workflow the silent Temporal cannot be asked about. */
  private String runningRecord() {
    String contactId = "c_outage" + UUID.randomUUID().toString().substring(0, 8);
    String workflowId = "default:outage:" + contactId;
    enrollments.save(
        new Enrollment(
            workflowId,
            "run-" + contactId,
            "default",
            "outage",
            1,
            contactId,
            EnrollmentState.RUNNING.wire(),
            Instant.now(),
            null,
            null));
    return workflowId;
  }
}
