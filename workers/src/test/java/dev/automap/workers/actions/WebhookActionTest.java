package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.automap.definitions.model.HttpMethod;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.WebhookStep;
import dev.automap.workers.contacts.ContactDirectory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code webhook} against a real HTTP server in the test. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookActionTest extends ActionTestSupport {
  record Received(String method, String path, String body, String idempotencyKey, String token) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);
  HttpServer server;
  String base;

  @BeforeAll
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  body,
                  exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                  exchange.getRequestHeaders().getFirst("X-Token")));
          byte[] answer = "{\"accepted\": true, \"ticket\": 42}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status.get(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  void stopServer() {
    server.stop(0);
  }

  WebhookStep step(String path, String saveAs) throws IOException {
    JsonNode body =
        MapJson.mapper()
            .readTree(
                "{\"name\": \"{{contact.firstName}}\", \"plan\": \"{{vars.plan}}\", \"n\": 3}");
    return new WebhookStep(
        "hook",
        null,
        HttpMethod.POST,
        base + path,
        Map.of("X-Token", "t-{{vars.plan}}"),
        body,
        null,
        saveAs,
        null,
        null);
  }

  @Test
  void callsOnceWithTheRenderedBodyAndKeepsTheAnswer() throws IOException {
    status.set(200);
    String contact =
        newContact(
            new ContactDirectory.NewContact(
                "ada@example.com", null, "Ada", null, null, null, null, null, null, List.of()));
    var request = request(contact, "hook", Map.of("plan", "gold"), null);
    int before = received.size();

    ActionResult first = performTwice(request, step("/crm", "crm"));

    assertThat(received.size() - before).as("a retry with the same key calls nobody").isEqualTo(1);
    Received call = received.getLast();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(MapJson.mapper().readTree(call.body()))
        .isEqualTo(MapJson.mapper().readTree("{\"name\": \"Ada\", \"plan\": \"gold\", \"n\": 3}"));
    assertThat(call.token()).isEqualTo("t-gold");
    assertThat(call.idempotencyKey()).isEqualTo(request.idempotencyKey());
    assertThat(first.output())
        .isEqualTo(
            Map.of("crm", Map.of("status", 200, "body", Map.of("accepted", true, "ticket", 42))));
  }

  @Test
  void aClientErrorFailsForGoodAndAServerErrorIsRetried() throws IOException {
    String contact = newContact("Bo");
    status.set(404);
    assertThatThrownBy(() -> perform(request(contact, "hook"), step("/missing", null)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).contains("answered 404");
            });
    status.set(503);
    var request = request(contact, "hook");
    assertThatThrownBy(() -> perform(request, step("/busy", null)))
        .isNotInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("answered 503");
    assertThat(ledger.countByKey(request.idempotencyKey()))
        .as("nothing kept: the retry calls again")
        .isZero();
    status.set(200);
    assertThat(perform(request, step("/busy", null)).outcome()).isEqualTo("done");
  }

  @Test
  void aUrlThatIsNotHttpIsBadInput() {
    String contact = newContact("Cy");
    var bad =
        new WebhookStep(
            "hook",
            null,
            HttpMethod.POST,
            "file:///etc/passwd",
            null,
            null,
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> perform(request(contact, "hook"), bad))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
  }
}
