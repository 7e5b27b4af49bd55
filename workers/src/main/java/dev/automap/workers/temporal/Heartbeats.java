package dev.automap.workers.temporal;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Activities heartbeat while they work, so that one left on a worker that died is tried again on
 * another within {@link #TIMEOUT} instead of waiting out its whole start-to-close timeout.
 */
public final class Heartbeats {
  /** The heartbeat timeout of the activities that heartbeat through {@link #during}. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Duration EVERY = Duration.ofSeconds(2);
  private static final ScheduledExecutorService BEATS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "activity-heartbeats");
            thread.setDaemon(true);
            return thread;
          });

  private Heartbeats() {}

  /** Runs {@code work} inside an activity, heartbeating every two seconds until it returns. */
  public static <T> T during(Supplier<T> work) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    ScheduledFuture<?> beats =
        BEATS.scheduleAtFixedRate(() -> beat(context), 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } finally {
      beats.cancel(false);
    }
  }

  private static void beat(ActivityExecutionContext context) {
    try {
      context.heartbeat(null);
    } catch (ActivityCompletionException | IllegalStateException e) {
      // the attempt is over (timed out or cancelled): the work's own outcome is reported anyway
    } catch (RuntimeException e) {
      // a heartbeat that could not be sent (Temporal unreachable) is sent again in two seconds
    }
  }
}
