package dev.automap.workers.run;

import dev.automap.definitions.model.Step;
import java.time.Instant;

/**
 * What one type of step does when a path reaches it. Each type has its own executor, given the
 * run's {@link RunScope}; {@link Steps} picks it by the step's type.
 *
 * @param <S> the step type
 */
interface StepExecutor<S extends Step> {

  /** Does the step; the id of the step the path goes on with, or null when the path stops here. */
  String execute(Cursor cursor, S step);

  /**
   * Goes on inside the step after continue-as-new, where the previous run of the chain parked the
   * path waiting until {@code until}. Only steps that wait can be resumed inside.
   */
  default String resume(Cursor cursor, S step, Instant until) {
    throw BadMap.at(step.id(), "cannot resume inside a step of this type");
  }
}
