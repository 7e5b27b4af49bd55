package dev.automap.app;

import dev.automap.workers.embedded.EmbeddedServices;
import io.micronaut.runtime.Micronaut;

/**
 * The automap app: HTTP API and, unless {@code AUTOMAP_WORKER_ENABLED=false}, the worker. With
 * no configuration it brings its own Temporal service and PostgreSQL.
 */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    EmbeddedServices embedded = EmbeddedServices.startUnconfigured(EmbeddedServices::fromProcess);
    embedded.logBanner();
    var context = Micronaut.build(args)
        .deduceEnvironment(false)
        .banner(false)
        .properties(embedded.properties())
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      context.close();
      embedded.close();
    }, "automap-shutdown"));
  }
}
