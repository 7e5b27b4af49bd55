package dev.automap.workers.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The drip rule: the first {@code batchSize} arrivals pass at once; each further batch goes {@code
 * every} after the one before; an arrival when no batch is pending passes at once.
 */
public final class DripBatches {
  private DripBatches() {}

  /** The latest batch: when it goes (or went) and how many it holds. */
  public record Batch(Instant at, int released) {}

  /** Where an arrival lands: the batch after it joined, and when it is released. */
  public record Arrival(Batch batch, Instant release) {}

  /**
   * @param latest the latest batch, or null when nobody has arrived yet
   */
  public static Arrival arrive(Batch latest, int batchSize, Duration every, Instant now) {
    if (latest == null) {
      return new Arrival(new Batch(now, 1), now);
    }
    if (latest.released() < batchSize) {
      Instant release = latest.at().isAfter(now) ? latest.at() : now;
      return new Arrival(new Batch(latest.at(), latest.released() + 1), release);
    }
    Instant nextBatch = latest.at().plus(every);
    if (!nextBatch.isAfter(now)) {
      return new Arrival(new Batch(now, 1), now);
    }
    return new Arrival(new Batch(nextBatch, 1), nextBatch);
  }
}
