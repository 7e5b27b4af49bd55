package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /prometheus} after a map has run: the JVM's, HTTP's, the Temporal SDK's and automap's. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsApiTest extends ApiTestSupport {

  static final String MAP =
      """
      {"key": "metered", "start": "tag",
       "triggers": [{"event": "metered.signup"}],
       "steps": [
         {"id": "tag", "type": "add_tags", "tags": ["metered"], "next": "mail"},
         {"id": "mail", "type": "send_email", "subject": "Hi", "body": "<p>Hi</p>", "next": "done"},
         {"id": "done", "type": "end"}]}""";

  String scrape() {
    HttpResponse<String> response =
        http.toBlocking().exchange(HttpRequest.GET("/prometheus"), String.class);
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    return response.body();
  }

  /** The sum of every series of the metric whose labels contain each of {@code labels}. */
  static double sum(String text, String metric, String... labels) {
    double total = 0;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
            .matcher(text);
    while (m.find()) {
      String series = m.group(1) == null ? "" : m.group(1);
      if (List.of(labels).stream().allMatch(series::contains)) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  @Test
  void aRunShowsInTheSdksAndAutomapsFigures() throws InterruptedException {
    var saved =
        call(auth(HttpRequest.POST("/v1/automations", MAP).contentType("application/json")));
    assertThat(saved.code()).isIn(201, 409);
    call(auth(HttpRequest.POST("/v1/automations/metered/publish", "")));
    String email = "metered-" + System.nanoTime() + "@example.com";
    var sent =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/events?wait=true",
                    Map.of("type", "metered.signup", "contact", Map.of("email", email)))));
    assertThat(sent.code()).isEqualTo(HttpStatus.ACCEPTED.getCode());
    @SuppressWarnings("unchecked")
    var result = ((List<Map<String, Object>>) body(sent).get("results")).getFirst();
    assertThat(result.get("enrolled")).isEqualTo(List.of("metered"));

    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String text = scrape();
    while (sum(text, "automap_runs_ended_total", "state=\"completed\"") < 1
        || sum(text, "temporal_workflow_task_execution_latency_seconds_count") < 1
        || sum(text, "temporal_activity_schedule_to_start_latency_seconds_count") < 1
        // the SDK's reporter hands its figures over scope by scope, every second: a scrape can
        // fall between two of its scopes
        || sum(text, "temporal_workflow_task_schedule_to_start_latency_seconds_count") < 1
        || sum(text, "temporal_activity_execution_latency_seconds_count") < 1
        || sum(text, "temporal_request_total") < 1) {
      if (Instant.now().isAfter(deadline)) {
        fail("the run's figures did not appear:\n" + text);
      }
      Thread.sleep(500);
      text = scrape();
    }

    // the Temporal SDK's, through its Micrometer reporter on the service stubs
    assertThat(sum(text, "temporal_workflow_task_execution_latency_seconds_count"))
        .isGreaterThan(0);
    assertThat(sum(text, "temporal_workflow_task_schedule_to_start_latency_seconds_count"))
        .isGreaterThan(0);
    assertThat(sum(text, "temporal_activity_execution_latency_seconds_count")).isGreaterThan(0);
    assertThat(sum(text, "temporal_request_total")).isGreaterThan(0);
    // automap's own
    assertThat(sum(text, "automap_events_ingested_total", "via=\"ingest\"")).isGreaterThan(0);
    assertThat(sum(text, "automap_events_routed_total", "outcome=\"enrolled\"")).isGreaterThan(0);
    assertThat(sum(text, "automap_enrollments_started_total", "trigger=\"event\""))
        .isGreaterThan(0);
    assertThat(sum(text, "automap_messages_total", "channel=\"email\"")).isGreaterThan(0);
    assertThat(sum(text, "automap_routing_lag_seconds_count")).isGreaterThan(0);
    // the JVM's and the HTTP server's
    assertThat(sum(text, "jvm_memory_used_bytes")).isGreaterThan(0);
    assertThat(sum(text, "http_server_requests_seconds_count", "uri=\"/v1/events\""))
        .isGreaterThan(0);
  }

  @Test
  void prometheusNeedsNoApiKey() {
    assertThat(scrape()).contains("# TYPE");
  }
}
