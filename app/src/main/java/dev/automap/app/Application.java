package dev.automap.app;

import dev.automap.workers.embedded.EmbeddedServices;
import io.micronaut.runtime.Micronaut;
import java.time.Duration;

/**
 * The automap app: HTTP API and, unless {@code AUTOMAP_WORKER_ENABLED=false}, the worker. With no
 * configuration it brings its own Temporal service and PostgreSQL.
 */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    EmbeddedServices embedded = EmbeddedServices.startUnconfigured(EmbeddedServices::fromProcess);
    embedded.logBanner();
    var context =
        Micronaut.build(args)
            .deduceEnvironment(false)
            .banner(false)
            .properties(embedded.properties())
            .start();
    // Micronaut's own shutdown hook stops the context (stopping it here too deadlocks with it);
    // the embedded servers go once it has, so the app never loses its database mid-shutdown.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                  while (context.isRunning() && System.nanoTime() < deadline) {
                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      break;
                    }
                  }
                  embedded.close();
                },
                "automap-shutdown"));
  }
}
