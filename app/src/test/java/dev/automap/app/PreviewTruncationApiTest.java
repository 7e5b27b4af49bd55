package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A preview keeps its timeline whole up to {@code automap.preview.max-entries} (10,000 unless set)
 * and then says {@code truncated: true}. Here the bound is 400 and the deadline a minute, so a
 * loaded machine reaches the bound before the deadline; runs themselves keep only their last 100
 * path entries, which a preview must not be limited to.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewTruncationApiTest extends ApiTestSupport {
  static final int MAX = 400;

  @Inject EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(super.getProperties());
    props.put("automap.preview.max-entries", String.valueOf(MAX));
    props.put("automap.preview.deadline", "60s");
    return props;
  }

  HttpResponse<Map<String, Object>> preview(String body) {
    var config = new DefaultHttpClientConfiguration();
    config.setReadTimeout(Duration.ofMinutes(2));
    try (HttpClient slow = HttpClient.create(server.getURL(), config)) {
      return slow.toBlocking()
          .exchange(
              auth(HttpRequest.POST("/v1/simulate", body).contentType("application/json")),
              JSON,
              JSON);
    }
  }

  static final String TICKER =
      """
      {"automation": {"key": "ticker", "start": "tick", "steps": [
         {"id": "tick", "type": "wait", "duration": "PT1H", "next": "again"},
         {"id": "again", "type": "branch", "branches": [
            {"when": {"field": "contact.score", "op": "lt", "value": 0}, "next": "done"}],
          "else": "tick"},
         {"id": "done", "type": "end"}]},
       "start": "2026-03-02T09:00:00Z", "until": "%s"}""";

  @Test
  void aPreviewPastTheBoundKeepsItsFirstEntriesAndSaysTruncated() {
    // two entries an hour for sixty days: 2,880
    var response = preview(TICKER.formatted("P60D"));
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    Map<String, Object> body = response.getBody(JSON).orElseThrow();
    @SuppressWarnings("unchecked")
    var timeline = (List<Map<String, Object>>) body.get("timeline");
    assertThat(body).containsEntry("truncated", true);
    assertThat(timeline).hasSize(MAX);
    // virtual time also moves by the milliseconds the worker takes
    assertThat(timeline.getFirst()).containsEntry("step", "tick");
    assertThat((String) timeline.getFirst().get("at")).startsWith("2026-03-02T10:00:");
    assertThat(timeline.get(1)).containsEntry("step", "again");
  }

  @Test
  void aPreviewWithinTheBoundIsWholeAndNotTruncated() {
    // two entries an hour for four days: 192, more than a run keeps (100)
    var response = preview(TICKER.formatted("P4D"));
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    Map<String, Object> body = response.getBody(JSON).orElseThrow();
    @SuppressWarnings("unchecked")
    var timeline = (List<Map<String, Object>>) body.get("timeline");
    assertThat(body).containsEntry("truncated", false);
    assertThat(timeline).hasSizeBetween(190, 194);
    assertThat((String) timeline.getFirst().get("at")).startsWith("2026-03-02T10:00:");
  }
}
