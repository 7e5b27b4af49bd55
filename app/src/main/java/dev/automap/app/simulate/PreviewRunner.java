package dev.automap.app.simulate;

import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.preview.Simulator;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Where previews run: an executor of their own, a few at a time with a short queue, so that
 * previews cannot take the threads of the API or the worker. Each preview gets its {@link
 * Simulator.Bounds}: a deadline ({@code automap.preview.deadline}, 10 s by default), a cap on its
 * timeline ({@code automap.preview.max-entries}, 10,000) and the check that its caller still waits.
 * A preview's thread goes back to the pool whatever becomes of it.
 */
@Singleton
public class PreviewRunner {
  private final ThreadPoolExecutor pool;
  private final Duration deadline;
  private final int maxEntries;
  private final AtomicInteger running = new AtomicInteger();

  public PreviewRunner(
      @Value("${automap.preview.deadline:10s}") Duration deadline,
      @Value("${automap.preview.max-entries:10000}") int maxEntries,
      @Value("${automap.preview.concurrency:0}") int concurrency,
      @Value("${automap.preview.queue:16}") int queue) {
    this.deadline = deadline;
    this.maxEntries = maxEntries;
    int threads =
        concurrency > 0 ? concurrency : Math.max(4, Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(Math.max(1, queue)),
            r -> {
              Thread t = new Thread(r, "automap-preview-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Previews running now. */
  public int running() {
    return running.get();
  }

  /** True when no preview runs or waits: every thread of the executor is free. */
  public boolean idle() {
    return pool.getActiveCount() == 0 && pool.getQueue().isEmpty();
  }

  public Duration deadline() {
    return deadline;
  }

  /**
   * Runs the preview on the preview executor.
   *
   * @param callerGone true once the caller no longer waits for the answer
   * @throws ApiProblem 503 when as many previews as the queue holds are waiting already
   */
  public <T> CompletableFuture<T> submit(
      Function<Simulator.Bounds, T> preview, BooleanSupplier callerGone) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    AtomicBoolean abandoned = new AtomicBoolean();
    answer.whenComplete(
        (value, failure) -> {
          if (answer.isCancelled()) {
            abandoned.set(true);
          }
        });
    BooleanSupplier stop = () -> abandoned.get() || callerGone.getAsBoolean();
    try {
      pool.execute(
          () -> {
            running.incrementAndGet();
            try {
              if (stop.getAsBoolean()) {
                answer.cancel(false);
                return;
              }
              var bounds = new Simulator.Bounds(Instant.now().plus(deadline), maxEntries, stop);
              answer.complete(preview.apply(bounds));
            } catch (Throwable t) {
              answer.completeExceptionally(t);
            } finally {
              running.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "previews-busy",
          "too many previews are running or waiting; try again in a few seconds");
    }
    // the bounds are read between slices of virtual time; should a slice itself never end, the
    // caller is still answered (a queued preview's wait counts too)
    Duration grace = deadline.multipliedBy(2).plus(Duration.ofSeconds(30));
    CompletableFuture.delayedExecutor(grace.toMillis(), TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              if (answer.completeExceptionally(
                  new ApiProblem(
                      HttpStatus.SERVICE_UNAVAILABLE,
                      "preview-overran",
                      "the preview did not stop within its deadline; try a shorter until"))) {
                abandoned.set(true);
              }
            });
    return answer;
  }

  @PreDestroy
  void close() {
    pool.shutdownNow();
  }
}
