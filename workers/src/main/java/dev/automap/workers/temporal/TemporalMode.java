package dev.automap.workers.temporal;

import java.util.Arrays;
import java.util.Optional;

/** Where Temporal runs (names are contract: shared spec, engine.md "Where Temporal runs"). */
public enum TemporalMode {
  /** The server {@code TEMPORAL_ADDRESS} names. */
  EXTERNAL("external"),
  /** The Temporal CLI's dev server, the app's child process, keeping runs in the data directory. */
  DEV_SERVER("dev-server"),
  /** The in-memory test service: every run is lost when the process stops. */
  IN_MEMORY("in-memory");

  private final String value;

  TemporalMode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<TemporalMode> parse(String value) {
    return Arrays.stream(values()).filter(m -> m.value.equalsIgnoreCase(value.strip())).findFirst();
  }
}
