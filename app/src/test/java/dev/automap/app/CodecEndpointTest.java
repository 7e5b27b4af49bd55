package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.automap.workers.temporal.PayloadCompression;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /codec/decode} and {@code /codec/encode}, Temporal's remote codec protocol over HTTP as
 * Temporal UI and the CLI call it: a real run's compressed input decodes to its map, plain payloads
 * pass untouched, the UI's page may call from its own origin, and bad payloads are a 400 naming the
 * payload.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodecEndpointTest extends ApiTestSupport {
  static final String UI = "http://127.0.0.1:8233";
  final ObjectMapper json = new ObjectMapper();
  final HttpClient client = HttpClient.newHttpClient();

  @Inject EmbeddedServer server;
  @Inject WorkflowClient temporal;

  @Override
  io.micronaut.http.HttpResponse<Map<String, Object>> call(MutableHttpRequest<?> request) {
    return super.call(auth(request));
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(URI.create(server.getURI() + path))
            .timeout(Duration.ofSeconds(30))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String payloads(String... items) {
    return "{\"payloads\": [" + String.join(",", items) + "]}";
  }

  static String payload(String encoding, byte[] data) {
    return "{\"metadata\": {\"encoding\": \""
        + b64(encoding)
        + "\"}, \"data\": \""
        + Base64.getEncoder().encodeToString(data)
        + "\"}";
  }

  JsonNode ok(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    return json.readTree(response.body());
  }

  static String text(JsonNode payload, String field) {
    return new String(
        Base64.getDecoder().decode(payload.path(field).asText()), StandardCharsets.UTF_8);
  }

  @Test
  void aRunsCompressedInputDecodesToItsMapWhileTheRunAnswersItsStatus() throws Exception {
    String key = "codec-" + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder steps = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      steps.append(
          "{\"id\": \"tag-%d\", \"type\": \"add_tags\", \"tags\": [\"t%d\"], \"next\": \"tag-%d\"},"
              .formatted(i, i, i + 1));
    }
    String map =
        ("{\"key\": \"%s\", \"start\": \"wait\", \"steps\": [{\"id\": \"wait\", \"type\": \"wait\","
                + " \"duration\": \"P1D\", \"next\": \"tag-0\"}, %s {\"id\": \"tag-40\", \"type\":"
                + " \"end\"}]}")
            .formatted(key, steps);
    assertThat(call(HttpRequest.POST("/v1/automations", map)).code()).isEqualTo(201);
    assertThat(call(HttpRequest.POST("/v1/automations/" + key + "/publish", "{}")).code())
        .isBetween(200, 201);
    String contactId =
        (String)
            body(call(HttpRequest.POST("/v1/contacts", Map.of("email", key + "@example.test"))))
                .get("id");
    var enrolled =
        call(
            HttpRequest.POST(
                "/v1/automations/" + key + "/enrollments", Map.of("contactId", contactId)));
    assertThat(enrolled.code()).as(String.valueOf(enrolled.getBody(JSON))).isBetween(200, 202);
    String runId = "default:" + key + ":" + contactId;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String seen = "";
    while (System.nanoTime() < deadline && !seen.contains("state=waiting")) {
      seen = String.valueOf(call(HttpRequest.GET("/v1/enrollments/" + runId)).getBody(JSON));
      Thread.sleep(200);
    }
    assertThat(seen).as("the run answers its status").contains("state=waiting", "steps=[wait]");

    Payload input =
        temporal
            .fetchHistory(runId)
            .getEvents()
            .getFirst()
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0);
    assertThat(PayloadCompression.compressed(input)).isTrue();
    JsonNode decoded =
        ok(
            post(
                "/codec/decode",
                payloads(payload("binary/zlib", input.getData().toByteArray())),
                Map.of("Content-Type", "application/json", "X-Namespace", "default")));
    JsonNode only = decoded.path("payloads").get(0);
    assertThat(text(only.path("metadata"), "encoding")).isEqualTo("json/plain");
    JsonNode runInput = json.readTree(text(only, "data"));
    assertThat(runInput.toString()).contains(key, "\"tag-39\"", contactId);
    assertThat(input.getSerializedSize()).isLessThan(text(only, "data").length() / 4);
  }

  @Test
  void encodeCompressesLargePayloadsOnlyAndDecodeGivesThemBack() throws Exception {
    String large =
        "{\"steps\": [" + "{\"type\": \"add_tags\", \"tags\": [\"x\"]},".repeat(60) + "{}]}";
    String small = "\"checking the address\"";
    JsonNode encoded =
        ok(
            post(
                "/codec/encode",
                payloads(
                    payload("json/plain", large.getBytes(StandardCharsets.UTF_8)),
                    payload("json/plain", small.getBytes(StandardCharsets.UTF_8))),
                Map.of("Content-Type", "application/json")));
    JsonNode compressed = encoded.path("payloads").get(0);
    JsonNode plain = encoded.path("payloads").get(1);
    assertThat(text(compressed.path("metadata"), "encoding")).isEqualTo("binary/zlib");
    assertThat(text(plain.path("metadata"), "encoding")).isEqualTo("json/plain");
    assertThat(text(plain, "data")).isEqualTo(small);

    JsonNode decoded =
        ok(post("/codec/decode", encoded.toString(), Map.of("Content-Type", "application/json")));
    assertThat(text(decoded.path("payloads").get(0), "data")).isEqualTo(large);
    assertThat(text(decoded.path("payloads").get(0).path("metadata"), "encoding"))
        .isEqualTo("json/plain");
    assertThat(decoded.path("payloads").get(1)).isEqualTo(plain);
  }

  @Test
  void plainPayloadsDecodeUntouched() throws Exception {
    // as the Temporal CLI's signals and every history written before compression hold them
    String body = payloads(payload("json/plain", "{\"reason\":\"maintenance\"}".getBytes()));
    JsonNode decoded = ok(post("/codec/decode", body, Map.of("Content-Type", "application/json")));
    assertThat(decoded).isEqualTo(json.readTree(body));
    assertThat(ok(post("/codec/decode", "{\"payloads\": []}", Map.of())).path("payloads"))
        .isEmpty();
  }

  @Test
  void theUisPageMayCallFromItsOwnOrigin() throws Exception {
    var preflight =
        client.send(
            java.net.http.HttpRequest.newBuilder(URI.create(server.getURI() + "/codec/decode"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", UI)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-namespace")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .containsIgnoringCase("X-Namespace")
        .containsIgnoringCase("Content-Type");

    var answer =
        post(
            "/codec/decode",
            "{\"payloads\": []}",
            Map.of("Origin", UI, "Content-Type", "application/json", "X-Namespace", "default"));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
  }

  @Test
  void badPayloadsAreRefusedNamingThePayload() throws Exception {
    Map<String, String> jsonType = Map.of("Content-Type", "application/json");
    var notBase64 =
        post("/codec/decode", payloads("{\"metadata\": {}, \"data\": \"%%%\"}"), jsonType);
    refused(notBase64, "/payloads/0/data");
    var notZlib =
        post(
            "/codec/decode",
            payloads(
                payload("json/plain", "{}".getBytes()), payload("binary/zlib", "nope".getBytes())),
            jsonType);
    refused(notZlib, "/payloads/1/data");
    refused(post("/codec/encode", "{\"payload\": []}", jsonType), "/payloads");
    refused(post("/codec/decode", "{\"payloads\": [3]}", jsonType), "/payloads/0");
    var notJson = post("/codec/decode", "payloads", Map.of("Content-Type", "text/plain"));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).doesNotContain("Exception");
  }

  static void refused(HttpResponse<String> response, String path) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(response.body()).contains("\"path\":\"" + path + "\"").doesNotContain("Exception");
  }
}
