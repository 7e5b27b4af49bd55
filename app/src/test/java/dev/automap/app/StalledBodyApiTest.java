package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request that promises more body than it sends is answered (408) and closed within seconds, not
 * held open until the client gives up; a whole request on the same server is unaffected.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StalledBodyApiTest extends ApiTestSupport {
  static final Duration BOUND = Duration.ofSeconds(30);

  @Inject EmbeddedServer server;

  @Test
  void aBodyShortOfItsContentLengthIsAnsweredAndClosedWithinSeconds() throws IOException {
    String partial = "{\"email\": \"stalled@example.com\"";
    String head =
        "POST /v1/contacts HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Authorization: Bearer "
            + EmbeddedStack.API_KEY
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + (partial.length() + 100)
            + "\r\n\r\n";
    long started = System.nanoTime();
    String answer;
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout((int) BOUND.toMillis());
      socket.getOutputStream().write((head + partial).getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      answer = readUntilClosed(socket.getInputStream());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).as("answered and closed within %s", BOUND).isLessThan(BOUND);
    assertThat(answer).startsWith("HTTP/1.1 408");
    assertThat(answer).contains("application/problem+json").contains("Content-Length");

    var whole =
        call(
            auth(HttpRequest.POST("/v1/contacts", Map.of("email", ContactApiTest.email("whole")))));
    assertThat(whole.code()).isEqualTo(201);
  }

  /** All the server sends until it closes; a read that waits past the bound fails the test. */
  private static String readUntilClosed(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "the connection was still open after "
              + BOUND
              + ", having sent: "
              + out.toString(StandardCharsets.UTF_8),
          e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
