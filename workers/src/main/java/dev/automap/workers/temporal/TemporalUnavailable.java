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
}
