package dev.automap.workers.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the embedded stack chooses its Temporal (the dev server itself is started in the slow
 * TemporalDevServerTest and the restart script). The database is configured here, so only Temporal
 * starts.
 */
class EmbeddedTemporalModeTest {
  @TempDir Path tmp;

  @Test
  void anAddressMeansExternalAndStartsNothing() {
    try (var services =
        EmbeddedServices.startUnconfigured(
            Map.of(
                    "TEMPORAL_ADDRESS",
                    "temporal.example:7233",
                    "DATASOURCES_DEFAULT_URL",
                    "jdbc:postgresql://db/x")
                ::get)) {
      assertThat(services.properties())
          .containsEntry("temporal.mode", "external")
          .doesNotContainKey("temporal.address");
    }
  }

  @Test
  void withoutCliAndGoItFallsBackToInMemoryLoudly() {
    Map<String, String> settings =
        Map.of(
            "PATH", tmp.resolve("bin").toString(),
            "HOME", tmp.resolve("home").toString(),
            "AUTOMAP_DATA_DIR", tmp.resolve("data").toString(),
            "AUTOMAP_EMBEDDED_TEMPORAL_PORT", "0",
            "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://db/x");
    try (var services = EmbeddedServices.startUnconfigured(settings::get)) {
      assertThat(services.properties()).containsEntry("temporal.mode", "in-memory");
      assertThat(String.join("\n", services.banner()))
          .contains("NO TEMPORAL CLI and no Go")
          .contains("IN-MEMORY")
          .contains("lost when this process stops");
    }
  }

  @Test
  void inMemoryWhenAsked() {
    Map<String, String> settings =
        Map.of(
            EmbeddedServices.MODE_SETTING,
            "in-memory",
            "AUTOMAP_DATA_DIR",
            tmp.resolve("data").toString(),
            "AUTOMAP_EMBEDDED_TEMPORAL_PORT",
            "0",
            "DATASOURCES_DEFAULT_URL",
            "jdbc:postgresql://db/x");
    try (var services = EmbeddedServices.startUnconfigured(settings::get)) {
      assertThat(services.properties()).containsEntry("temporal.mode", "in-memory");
      assertThat(String.join("\n", services.banner())).doesNotContain("NO TEMPORAL CLI");
    }
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(
            () ->
                EmbeddedServices.startUnconfigured(
                    Map.of(EmbeddedServices.MODE_SETTING, "cloud")::get))
        .hasMessageContaining("AUTOMAP_EMBEDDED_TEMPORAL=cloud")
        .hasMessageContaining("dev-server");
    assertThatThrownBy(
            () ->
                EmbeddedServices.startUnconfigured(
                    Map.of(
                            EmbeddedServices.MODE_SETTING,
                            "in-memory",
                            "AUTOMAP_EMBEDDED_TEMPORAL_PORT",
                            "seventy")
                        ::get))
        .hasMessageContaining("AUTOMAP_EMBEDDED_TEMPORAL_PORT=seventy");
  }
}
