package dev.automap.workers.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev server as the app runs it, with the real Temporal CLI (found as the app finds it, or
 * built with go install): started, reused by a second start on the same data directory, stopped;
 * and the embedded stack on a machine with Go and no CLI, which builds one into a fresh GOBIN.
 */
@Tag("slow")
class TemporalDevServerTest {
  static Path cli;
  @TempDir Path tmp;

  @BeforeAll
  static void findOrBuildTheCli() {
    TemporalCli lookup =
        new TemporalCli(EmbeddedServices::fromProcess, Path.of(System.getProperty("user.home")));
    cli =
        lookup
            .find()
            .or(() -> lookup.findGo().map(lookup::build))
            .orElseThrow(() -> new IllegalStateException("needs the Temporal CLI or Go"));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  @Test
  void startsReusesAndStops() throws IOException {
    int port = freePort();
    int ui = freePort();
    Path dir = tmp.resolve("temporal");
    TemporalDevServer first = TemporalDevServer.startOrReuse(cli, dir, port, ui, "default");
    try {
      assertThat(first.reused()).isFalse();
      assertThat(TemporalDevServer.serving(port, "default")).isTrue();
      assertThat(Files.exists(dir.resolve("temporal.db"))).isTrue();
      assertThat(Files.readString(dir.resolve("dev-server.pid")))
          .isEqualTo(Long.toString(first.pid()));

      // an app killed before it could stop its dev server: the next start takes it over
      TemporalDevServer second = TemporalDevServer.startOrReuse(cli, dir, port, ui, "default");
      assertThat(second.reused()).isTrue();
      assertThat(second.pid()).isEqualTo(first.pid());

      // the same data directory on other ports: the old server goes, a new one starts
      int otherPort = freePort();
      TemporalDevServer third =
          TemporalDevServer.startOrReuse(cli, dir, otherPort, freePort(), "default");
      try {
        assertThat(third.reused()).isFalse();
        assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive))
            .isNotEqualTo(java.util.Optional.of(true));
        assertThat(TemporalDevServer.serving(otherPort, "default")).isTrue();
      } finally {
        third.close();
      }
      assertThat(ProcessHandle.of(third.pid()).map(ProcessHandle::isAlive))
          .isNotEqualTo(java.util.Optional.of(true));
      assertThat(dir.resolve("dev-server.pid")).doesNotExist();
      assertThat(TemporalDevServer.isFree(otherPort)).isTrue();
    } finally {
      first.close();
    }
  }

  @Test
  void itsUiDecodesPayloadsWithTheCodecEndpointGiven() throws Exception {
    int ui = freePort();
    String codec = "http://127.0.0.1:" + freePort() + "/codec";
    try (TemporalDevServer server =
        TemporalDevServer.startOrReuse(
            cli, tmp.resolve("temporal"), freePort(), ui, "default", codec)) {
      var http = java.net.http.HttpClient.newHttpClient();
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(server.uiUrl() + "/api/v1/settings"))
              .build();
      String settings = "";
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
      while (!settings.contains("Codec") && System.nanoTime() < deadline) {
        try {
          settings = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
          Thread.sleep(250);
        }
      }
      assertThat(settings).contains(codec);
    }
  }

  @Test
  void aPortTakenByAnotherProcessIsNamed() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> TemporalDevServer.startOrReuse(cli, tmp, port, freePort(), "default"))
          .hasMessageContaining("port " + port)
          .hasMessageContaining("AUTOMAP_EMBEDDED_TEMPORAL_PORT");
    }
  }

  @Test
  void withGoButNoCliTheAppBuildsThePinnedCliAndRunsItsDevServer() throws IOException {
    Path go =
        new TemporalCli(EmbeddedServices::fromProcess, tmp)
            .findGo()
            .orElseThrow(() -> new IllegalStateException("needs Go on PATH"));
    Path gobin = tmp.resolve("gobin");
    Map<String, String> settings =
        Map.of(
            "PATH", go.getParent().toString(), // Go, and no Temporal CLI
            "HOME", tmp.resolve("home").toString(),
            "GOBIN", gobin.toString(),
            "AUTOMAP_DATA_DIR", tmp.resolve("data").toString(),
            "AUTOMAP_EMBEDDED_TEMPORAL_PORT", "0",
            "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db/x");
    try (var services = EmbeddedServices.startUnconfigured(settings::get)) {
      assertThat(gobin.resolve("temporal")).isExecutable();
      assertThat(services.properties()).containsEntry("temporal.mode", "dev-server");
      assertThat(String.join("\n", services.banner()))
          .contains(gobin.resolve("temporal") + ", started")
          .contains("Temporal UI: http://127.0.0.1:");
      String address = (String) services.properties().get("temporal.address");
      int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
      assertThat(TemporalDevServer.serving(port, "default")).isTrue();
    }
  }
}
