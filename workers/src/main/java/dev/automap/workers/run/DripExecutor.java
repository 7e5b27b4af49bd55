package dev.automap.workers.run;

import dev.automap.definitions.model.DripStep;
import java.time.Instant;

/**
 * {@code drip}: lets contacts through in batches; the engine's activity gives this arrival its
 * release time, and the path holds until then.
 */
final class DripExecutor implements StepExecutor<DripStep> {
  private final RunScope run;

  DripExecutor(RunScope run) {
    this.run = run;
  }

  @Override
  public String execute(Cursor cursor, DripStep step) {
    Instant release =
        RunStubs.engine(step.id(), "engine.drip reserves a batch of " + step.batchSize())
            .drip(
                run.key(step),
                run.input.accountId(),
                run.input.automationKey(),
                step.id(),
                step.batchSize(),
                step.every(),
                RunScope.now());
    if (!release.isAfter(RunScope.now())) {
      run.record(step.id(), "released at once");
      return step.next();
    }
    return resume(cursor, step, release);
  }

  @Override
  public String resume(Cursor cursor, DripStep step, Instant release) {
    return cursor.hold(
                step.id(),
                release,
                "its drip batch at " + release,
                "drip batch of " + step.batchSize(),
                run.summaryZone(null))
            == Cursor.Woke.REACHED
        ? step.next()
        : null;
  }
}
