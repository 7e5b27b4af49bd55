package dev.automap.app;

import dev.automap.workers.embedded.EmbeddedServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The automap app: HTTP API and, unless {@code AUTOMAP_WORKER_ENABLED=false}, the worker. With no
 * configuration it brings its own Temporal (the CLI's dev server) and PostgreSQL, and stops them
 * when it stops.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "automap",
            version = "1",
            description =
                "Marketing automation maps run as durable Temporal workflows. Everything under"
                    + " /v1 needs `Authorization: Bearer <api key>`; /health, /prometheus,"
                    + " /openapi.yml, /docs, /hooks and /t do not."))
@SecurityScheme(
    name = Application.API_KEY,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An account's API key")
public final class Application {
  /** The security scheme every {@code /v1} operation names. */
  public static final String API_KEY = "apiKey";

  private Application() {}

  public static void main(String[] args) {
    // a dev server started here has its UI decode compressed payloads with this app's /codec
    EmbeddedServices embedded =
        EmbeddedServices.startUnconfigured(
            EmbeddedServices::fromProcess,
            EmbeddedServices.appCodecEndpoint(EmbeddedServices::fromProcess));
    embedded.logBanner();
    AtomicReference<ApplicationContext> started = new AtomicReference<>();
    // Micronaut's own shutdown hook stops the context (stopping it here too deadlocks with it);
    // the embedded servers go once it has, so the app never loses its database mid-shutdown. The
    // hook is in place before the start, which exits the JVM when it fails: no dev server or
    // database is left behind then either.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  ApplicationContext context = started.get();
                  long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                  while (context != null && context.isRunning() && System.nanoTime() < deadline) {
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
    started.set(
        Micronaut.build(args)
            .deduceEnvironment(false)
            .banner(false)
            .properties(embedded.properties())
            .start());
  }
}
