package dev.automap.workers.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the durable default looks for the Temporal CLI, in order, with fake binaries. */
class TemporalCliTest {
  @TempDir Path tmp;

  Path program(String dir, String name) throws IOException {
    Path path = tmp.resolve(dir).resolve(name);
    Files.createDirectories(path.getParent());
    Files.writeString(path, "#!/bin/sh\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }

  TemporalCli cli(Map<String, String> settings) {
    return new TemporalCli(settings::get, tmp.resolve("home"));
  }

  @Test
  void theConfiguredBinaryComesFirst() throws IOException {
    Path configured = program("opt", "my-temporal");
    program("bin", "temporal");
    var settings =
        Map.of(TemporalCli.SETTING, configured.toString(), "PATH", tmp.resolve("bin").toString());
    assertThat(cli(settings).find()).contains(configured);
  }

  @Test
  void aConfiguredPathThatIsNoProgramIsAnErrorNamingTheSetting() throws IOException {
    Path text = tmp.resolve("notes.txt");
    Files.writeString(text, "not a program");
    assertThatThrownBy(() -> cli(Map.of(TemporalCli.SETTING, text.toString())).find())
        .hasMessageContaining("AUTOMAP_TEMPORAL_CLI=" + text)
        .hasMessageContaining("not an executable");
  }

  @Test
  void thenPathThenGoBinThenGoPathThenHome() throws IOException {
    Path inHome = program("home/go/bin", "temporal");
    Map<String, String> settings = new HashMap<>();
    settings.put("PATH", tmp.resolve("empty") + ":" + tmp.resolve("bin"));
    assertThat(cli(settings).find()).contains(inHome);

    Path inGoPath = program("gopath2/bin", "temporal");
    settings.put("GOPATH", tmp.resolve("gopath1") + ":" + tmp.resolve("gopath2"));
    assertThat(cli(settings).find()).contains(inGoPath);

    Path inGoBin = program("gobin", "temporal");
    settings.put("GOBIN", tmp.resolve("gobin").toString());
    assertThat(cli(settings).find()).contains(inGoBin);

    Path onPath = program("bin", "temporal");
    assertThat(cli(settings).find()).contains(onPath);
  }

  @Test
  void aFileThatIsNotExecutableIsNotTheCli() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bin"));
    Files.writeString(dir.resolve("temporal"), "data");
    assertThat(cli(Map.of("PATH", dir.toString())).find()).isEmpty();
  }

  @Test
  void nothingFoundWithoutCliOrGo() {
    var settings = Map.of("PATH", tmp.resolve("bin").toString());
    assertThat(cli(settings).find()).isEmpty();
    assertThat(cli(settings).findGo()).isEmpty();
  }

  @Test
  void goIsFoundOnPath() throws IOException {
    Path go = program("go/bin", "go");
    assertThat(cli(Map.of("PATH", tmp.resolve("go/bin").toString())).findGo()).contains(go);
  }

  @Test
  void goInstallWritesToGoBinElseTheFirstGoPath() {
    Path go = tmp.resolve("no-go-needed");
    assertThat(cli(Map.of("GOBIN", "/x/bin", "GOPATH", "/y")).installDirectory(go))
        .isEqualTo(Path.of("/x/bin"));
    assertThat(cli(Map.of("GOPATH", "/y:/z")).installDirectory(go)).isEqualTo(Path.of("/y/bin"));
  }
}
