package dev.automap.workers.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.TestStack;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Drip batches in PostgreSQL: shared by every run, the same answer for the same key. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DripStoreTest implements TestPropertyProvider {
  static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

  @Inject DripStore drips;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.databaseOnly();
  }

  @Test
  void arrivalsFillBatchesAndARetriedArrivalKeepsItsPlace() {
    String key = "drip-" + UUID.randomUUID();
    List<Instant> released = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      released.add(drips.reserve(key + "/" + i, "acme", key, "batch", 2, Duration.ofDays(1), NOON));
    }
    assertThat(released)
        .containsExactly(
            NOON,
            NOON,
            NOON.plus(Duration.ofDays(1)),
            NOON.plus(Duration.ofDays(1)),
            NOON.plus(Duration.ofDays(2)));
    assertThat(
            drips.reserve(
                key + "/2", "acme", key, "batch", 2, Duration.ofDays(1), NOON.plusSeconds(5)))
        .as("a retry with the same key")
        .isEqualTo(NOON.plus(Duration.ofDays(1)));
    assertThat(drips.reserve(key + "/5", "acme", key, "batch", 2, Duration.ofDays(1), NOON))
        .as("the retry took no place")
        .isEqualTo(NOON.plus(Duration.ofDays(2)));
  }

  @Test
  void concurrentFirstArrivalsAreCountedOnce() throws Exception {
    String key = "drip-" + UUID.randomUUID();
    List<Future<Instant>> arrivals = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(6)) {
      for (int i = 0; i < 6; i++) {
        String k = key + "/" + i;
        arrivals.add(
            pool.submit(
                (Callable<Instant>)
                    () -> drips.reserve(k, "acme", key, "batch", 3, Duration.ofHours(1), NOON)));
      }
    }
    List<Instant> released = new ArrayList<>();
    for (Future<Instant> f : arrivals) {
      released.add(f.get());
    }
    assertThat(released).filteredOn(NOON::equals).hasSize(3);
    assertThat(released).filteredOn(NOON.plus(Duration.ofHours(1))::equals).hasSize(3);
  }
}
