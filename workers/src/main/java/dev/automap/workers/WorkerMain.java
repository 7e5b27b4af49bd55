package dev.automap.workers;

import dev.automap.workers.embedded.EmbeddedServices;
import io.micronaut.context.ApplicationContext;

/**
 * A worker process on its own, for scaling out beside the app. Connects to the Temporal server and
 * database the environment names (or starts embedded ones, for trying it alone).
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    EmbeddedServices embedded = EmbeddedServices.startUnconfigured(EmbeddedServices::fromProcess);
    embedded.logBanner();
    ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(embedded.properties())
            .start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  context.close();
                  embedded.close();
                },
                "automap-worker-shutdown"));
    // stays up until stopped, also with its worker off (then it only holds the embedded database
    // and keeps the store converging)
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
