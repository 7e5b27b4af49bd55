package dev.automap.workers.actions;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.StepTypes;
import dev.automap.workers.timeline.StepCounters;
import dev.automap.workers.timeline.StepMarks;
import io.temporal.activity.Activity;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The action activities: one activity type per action step type ({@code add_tags}, {@code
 * send_email}…), so Temporal UI names what each attempt did. Arguments are the {@link
 * ActionRequest} and the step itself.
 */
@Singleton
public class ActionDispatcher implements DynamicActivity {
  private static final Logger LOG = LoggerFactory.getLogger(ActionDispatcher.class);
  private final Map<String, ActionHandler<?>> handlers = new HashMap<>();
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;

  /** Judges the conditions of a branch right after an action ({@link AfterAction}). */
  @jakarta.inject.Inject AfterAction.Judge judge;

  /** Records the run's end right after its last action ({@link AfterAction.End}). */
  @jakarta.inject.Inject AfterAction.Ender ender;

  private final StepCounters counters;

  public ActionDispatcher(List<ActionHandler<?>> handlers, StepCounters counters) {
    this.counters = counters;
    for (ActionHandler<?> handler : handlers) {
      String type = StepTypes.nameOf(handler.stepType());
      if (type == null) {
        throw new IllegalStateException(handler.stepType() + " is not a registered step type");
      }
      if (this.handlers.put(type, handler) != null) {
        throw new IllegalStateException("two handlers for " + type);
      }
    }
  }

  /** The step types this worker can perform. */
  public java.util.Set<String> types() {
    return handlers.keySet();
  }

  @Override
  public Object execute(EncodedValues args) {
    String type = Activity.getExecutionContext().getInfo().getActivityType();
    ActionRequest request = args.get(0, ActionRequest.class);
    ActionStep step = args.get(1, ActionStep.class);
    // the step marks the run had not yet told (entering this step among them) count beside the
    // action, in a transaction of their own, and are joined before anything else is counted or
    // the activity answers: a failure of either fails the attempt, and its retry counts nothing
    // twice and performs nothing twice (action keys)
    StepMarks marks = args.getSize() > 2 ? args.get(2, StepMarks.class) : null;
    FutureTask<Void> counting = marks == null ? null : count(marks);
    // the marks the run makes right after a success (leaving this step, entering a wait)
    StepMarks onSuccess = args.getSize() > 3 ? args.get(3, StepMarks.class) : null;
    // what the run asks of the activity once the action is done (history version 2)
    AfterAction after = args.getSize() > 4 ? args.get(4, AfterAction.class) : null;
    // the SDK puts WorkflowId, ActivityType... in the MDC; the contact and step are added here
    MDC.put("ContactId", request.contactId());
    MDC.put("StepId", request.stepId());
    try {
      ActionResult result;
      try {
        result = dev.automap.workers.temporal.Heartbeats.during(() -> perform(type, request, step));
      } catch (RuntimeException e) {
        LOG.warn("{} failed: {}", type, e.getMessage());
        if (metrics != null) {
          metrics.actionFailed(
              type, e instanceof ApplicationFailure a ? a.getType() : e.getClass().getSimpleName());
        }
        awaitQuietly(counting, e);
        throw e;
      }
      LOG.debug("{} performed", type);
      await(counting);
      if (after != null && after.end() != null && !result.endsRun()) {
        // the end after the action, its marks with it; none of them when the run held it
        StepMarks told = onSuccess == null ? null : succeeded(onSuccess, result);
        return ender != null && ender.endAfter(request, after.end(), told)
            ? result.withEnded()
            : result;
      }
      if (onSuccess != null && !result.endsRun()) {
        // last, so that only a result the run gets follows them; a retry counts nothing twice
        counters.apply(succeeded(onSuccess, result));
      }
      return after == null || result.endsRun() ? result : judged(after, request, result);
    } finally {
      MDC.remove("ContactId");
      MDC.remove("StepId");
    }
  }

  /**
   * The result with the branch after the action judged, last, on the facts as they are now; as it
   * was when they could not be judged (the run then asks its own local activity, as before).
   */
  private ActionResult judged(AfterAction after, ActionRequest request, ActionResult result) {
    if (judge == null || after.branch() == null) {
      return result;
    }
    try {
      return result.withHolding(
          judge.holdingAfter(
              request,
              AfterAction.varsAfter(request.vars(), result.output()),
              java.time.Instant.now(),
              after.branch()));
    } catch (RuntimeException e) {
      LOG.warn("the branch after {} was not judged: {}", request.stepId(), e.getMessage());
      return result;
    }
  }

  /** Counts the marks on a thread of their own, while the action runs. */
  private FutureTask<Void> count(StepMarks marks) {
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              counters.apply(marks);
              return null;
            });
    Thread.ofVirtual().name("step-marks").start(task);
    return task;
  }

  /** Waits for the marks to be counted; their failure is the attempt's. */
  private static void await(FutureTask<Void> counting) {
    if (counting == null) {
      return;
    }
    try {
      counting.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("step marks not counted", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting step marks", e);
    }
  }

  /** As {@link #await}, when the action failed already: the counting's failure goes with it. */
  private static void awaitQuietly(FutureTask<Void> counting, RuntimeException failure) {
    try {
      await(counting);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * The marks told on success as the run would make them: the action's leaving says what it did
   * (failed when its outcome says so, as the run's path entry would); an end's leaving after it
   * stays as the run made it.
   */
  static StepMarks succeeded(StepMarks batch, ActionResult result) {
    String decided =
        result.detail() == null ? result.outcome() : result.outcome() + ": " + result.detail();
    boolean failed = decided != null && decided.startsWith("failed");
    var marks =
        batch.marks().stream()
            .map(
                m ->
                    StepMarks.LEAVE.equals(m.kind()) && m.logged()
                        ? new StepMarks.Mark(
                            m.key(),
                            m.stepId(),
                            m.type(),
                            m.kind(),
                            failed ? "failed" : m.outcome(),
                            m.path(),
                            m.logged(),
                            decided,
                            m.at())
                        : m)
            .toList();
    return new StepMarks(
        batch.accountId(),
        batch.contactId(),
        batch.workflowId(),
        batch.automationKey(),
        batch.version(),
        marks);
  }

  /** Performs one action; also the entry point of tests and of the preview's stand-ins. */
  public ActionResult perform(String type, ActionRequest request, ActionStep step) {
    ActionHandler<?> handler = handlers.get(type);
    if (handler == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no handler for action type \"" + type + "\" on this worker", "UnsupportedAction");
    }
    return run(handler, request, step);
  }

  private static <S extends ActionStep> ActionResult run(
      ActionHandler<S> handler, ActionRequest request, ActionStep step) {
    if (!handler.stepType().isInstance(step)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "activity type and step disagree: " + step.getClass().getSimpleName(), "BadActionInput");
    }
    return handler.perform(request, handler.stepType().cast(step));
  }
}
