package dev.automap.workers.actions;

import dev.automap.definitions.model.ActionStep;

/**
 * Performs one action type. Implementations are singletons found by the worker; each must be
 * idempotent by {@link ActionRequest#idempotencyKey()}: a second call with a key already done
 * changes nothing and answers {@code unchanged}.
 *
 * <p>Throw {@link io.temporal.failure.ApplicationFailure#newNonRetryableFailure} for input that can
 * never succeed (bad config, missing contact); any other exception is retried.
 *
 * <p>What the action does in a preview, if it changes the contact or sends a message, is a static
 * {@code preview} method of the same class ({@link ActionPreview}); its retry policy is {@link
 * ActionPolicy#of}, by the step's record class.
 */
public interface ActionHandler<S extends ActionStep> {

  /** The step record this handler performs. */
  Class<S> stepType();

  ActionResult perform(ActionRequest request, S step);
}
