package dev.automap.workers.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;

/**
 * The Temporal service did not answer (stopped, restarting, unreachable): what was asked can be
 * asked again once it is back, and nothing of it was kept.
 */
public class TemporalUnavailable extends RuntimeException {
  private static final Set<Status.Code> OUTAGE =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.CANCELLED,
          Status.Code.RESOURCE_EXHAUSTED);

  public TemporalUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code failure} (or what caused it) says the Temporal service did not answer. */
  public static boolean causes(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TemporalUnavailable) {
        return true;
      }
      if (t instanceof StatusRuntimeException grpc && OUTAGE.contains(grpc.getStatus().getCode())) {
        return true;
      }
    }
    return false;
  }

  /** {@code failure} as a {@link TemporalUnavailable} when it is one, else itself. */
  public static RuntimeException classify(RuntimeException failure, String what) {
    if (failure instanceof TemporalUnavailable || !causes(failure)) {
      return failure;
    }
    return new TemporalUnavailable(what + ": the Temporal service is not answering", failure);
  }

  /** How long one call to Temporal made for a caller who waits (an API request) may take. */
  public static final java.time.Duration CALL_LIMIT = java.time.Duration.ofSeconds(10);

  /**
   * Runs a call to Temporal with a deadline of {@link #CALL_LIMIT}: the client's retries stop
   * there, and an outage is answered within seconds rather than after a minute of retries.
   */
  public static <T> T within(java.util.function.Supplier<T> call) {
    io.grpc.Context.CancellableContext context =
        io.grpc.Context.current()
            .withDeadlineAfter(
                CALL_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS, DEADLINES);
    try {
      return context.call(call::get);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      context.cancel(null);
    }
  }

  private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "temporal-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });
}
