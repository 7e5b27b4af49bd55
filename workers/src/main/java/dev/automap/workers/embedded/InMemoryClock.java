package dev.automap.workers.embedded;

import com.google.protobuf.Empty;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock of the in-memory Temporal service ({@link EmbeddedServices#MODE_SETTING} {@code
 * in-memory}), which keeps real time until it is told to skip: {@link #skipTo} moves it forward and
 * fires the timers due meanwhile. Skipping moves the clock of every run on the service, so whoever
 * skips must have the service to itself (the tests that skip start a service of their own).
 */
public final class InMemoryClock implements AutoCloseable {
  /** Skipping days of work takes longer than the default 10 s on a loaded machine. */
  private static final Duration RPC_TIMEOUT = Duration.ofMinutes(2);

  private final TestServiceStubs stubs;

  private InMemoryClock(TestServiceStubs stubs) {
    this.stubs = stubs;
  }

  /** The clock of the service {@code service} talks to. */
  public static InMemoryClock of(WorkflowServiceStubs service) {
    return new InMemoryClock(
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder(service.getOptions())
                .setRpcTimeout(RPC_TIMEOUT)
                .validateAndBuildWithDefaults()));
  }

  /** The clock of the service at {@code target} ({@code host:port}). */
  public static InMemoryClock at(String target) {
    return new InMemoryClock(
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder()
                .setTarget(target)
                .setRpcTimeout(RPC_TIMEOUT)
                .validateAndBuildWithDefaults()));
  }

  /** The service's time now. */
  public Instant now() {
    var t = stubs.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime();
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  /** Moves the clock on to {@code at} (nothing when it is past already). */
  public void skipTo(Instant at) {
    skip(Duration.between(now(), at));
  }

  /** Moves the clock on by {@code duration} (nothing when it is not positive). */
  public void skip(Duration duration) {
    if (!duration.isPositive()) {
      return;
    }
    stubs
        .blockingStub()
        .unlockTimeSkippingWithSleep(
            SleepRequest.newBuilder()
                .setDuration(
                    com.google.protobuf.Duration.newBuilder()
                        .setSeconds(duration.getSeconds())
                        .setNanos(duration.getNano()))
                .build());
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
