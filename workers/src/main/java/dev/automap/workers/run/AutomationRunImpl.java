package dev.automap.workers.run;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AddFollowersStep;
import dev.automap.definitions.model.AddNoteStep;
import dev.automap.definitions.model.AddTagsStep;
import dev.automap.definitions.model.AddToListStep;
import dev.automap.definitions.model.AdjustScoreStep;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.CopyContactStep;
import dev.automap.definitions.model.CreateContactStep;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.DeleteContactStep;
import dev.automap.definitions.model.DripStep;
import dev.automap.definitions.model.EndStep;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.FindContactStep;
import dev.automap.definitions.model.FlowStep;
import dev.automap.definitions.model.ForkStep;
import dev.automap.definitions.model.FormatStep;
import dev.automap.definitions.model.GoalStep;
import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.PauseEnrollmentStep;
import dev.automap.definitions.model.RemoveFollowersStep;
import dev.automap.definitions.model.RemoveFromListStep;
import dev.automap.definitions.model.RemoveOpportunityStep;
import dev.automap.definitions.model.RemoveTagsStep;
import dev.automap.definitions.model.ResumeEnrollmentStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.definitions.model.SetCustomValueStep;
import dev.automap.definitions.model.SetDndStep;
import dev.automap.definitions.model.SetVarStep;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.definitions.model.UnassignOwnerStep;
import dev.automap.definitions.model.UnenrollStep;
import dev.automap.definitions.model.UpdateAppointmentStatusStep;
import dev.automap.definitions.model.UpdateContactStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.definitions.model.WaitForStep;
import dev.automap.definitions.model.WaitStep;
import dev.automap.definitions.model.WebhookStep;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.definitions.model.StepTypes;
import io.temporal.workflow.ActivityStub;
import dev.automap.workers.store.ContactNotFound;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets a map for one contact. Flow steps are decided here, deterministically; each action
 * step is one activity whose idempotency key makes retries and replays harmless.
 */
public class AutomationRunImpl implements AutomationRun {
  private static final RetryOptions ACTION_RETRY = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setMaximumInterval(Duration.ofMinutes(5))
      .setMaximumAttempts(10)
      .setDoNotRetry(ContactNotFound.class.getName())
      .build();

  private final ActivityStub actions = Workflow.newUntypedActivityStub(
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(ACTION_RETRY)
          .build());

  private final Map<String, Integer> visits = new HashMap<>();
  private final List<RunStatus.PathEntry> path = new ArrayList<>();
  private final Map<String, Object> vars = new LinkedHashMap<>();
  private String state = "running";
  private String currentStep;
  private Instant waitingUntil;
  private boolean paused;
  private String exitReason;

  @Override
  public RunOutcome run(RunInput input) {
    AutomationMap map = input.map();
    String stepId = map.start();
    String lastStep = null;
    while (stepId != null && exitReason == null) {
      Step step = map.step(stepId);
      if (step == null) {
        // a published map never points nowhere; a hand-started run might
        record(stepId, "missing");
        break;
      }
      lastStep = stepId;
      enter(step);
      stepId = switch (step) {
        case FlowStep flow -> decide(flow);
        case ActionStep action -> act(input, action);
      };
    }
    state = exitReason == null ? "completed" : "exited";
    currentStep = null;
    return new RunOutcome(state, exitReason, lastStep);
  }

  private String decide(FlowStep step) {
    return switch (step) {
      case WaitStep w when w.duration() == null -> throw unsupported(step);
      case WaitStep w -> waitUntil(w, Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(w.duration()));
      case EndStep e -> {
        record(e.id(), "ended");
        yield null;
      }
      case WaitForStep _, BranchStep _, SwitchStep _, SplitStep _, GoalStep _, ForkStep _,
          DripStep _, EnrollStep _, UnenrollStep _, PauseEnrollmentStep _, ResumeEnrollmentStep _,
          SetVarStep _, FormatStep _ ->
          throw unsupported(step);
    };
  }

  private String act(RunInput input, ActionStep step) {
    awaitNotPaused();
    if (exitReason != null) {
      return null;
    }
    ActionRequest request = new ActionRequest(idempotencyKey(step), input.accountId(), input.contactId(),
        input.automationKey(), step.id(), Map.copyOf(vars), input.event());
    try {
      String outcome = switch (step) {
        case AddTagsStep t -> {
          ActionResult result = actions.execute(StepTypes.nameOf(t.getClass()), ActionResult.class, request, t);
          yield result.detail();
        }
        case CreateContactStep _, FindContactStep _, UpdateContactStep _, IncrementFieldStep _,
            RemoveTagsStep _, AssignOwnerStep _, UnassignOwnerStep _, SetDndStep _, AddNoteStep _,
            CreateTaskStep _, DeleteContactStep _, AdjustScoreStep _, AddFollowersStep _,
            RemoveFollowersStep _, CopyContactStep _, AddToListStep _, RemoveFromListStep _,
            SetCustomValueStep _, UpsertOpportunityStep _, RemoveOpportunityStep _,
            UpdateAppointmentStatusStep _, SendEmailStep _, SendSmsStep _, SendWhatsappStep _,
            SendSlackStep _, NotifyStep _, WebhookStep _, AiPromptStep _ ->
            throw unsupported(step);
      };
      record(step.id(), outcome);
      return step.next();
    } catch (ActivityFailure failure) {
      record(step.id(), "failed: " + rootMessage(failure));
      return afterError(step);
    }
  }

  private static ApplicationFailure unsupported(Step step) {
    return ApplicationFailure.newNonRetryableFailure(
        "step type " + step.getClass().getSimpleName() + " is not supported yet", "UnsupportedStep");
  }

  private String afterError(ActionStep step) {
    String then = step.onError() == null ? "end" : step.onError().then();
    return switch (then) {
      case "end" -> null;
      case "continue" -> step.next();
      default -> then;
    };
  }

  private String waitUntil(WaitStep step, Instant until) {
    waitingUntil = until;
    setRunState("waiting", step.id());
    Workflow.setCurrentDetails("Waiting on step " + step.id() + " until " + until);
    Duration left = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), until);
    if (!left.isNegative() && !left.isZero()) {
      Workflow.await(left, () -> exitReason != null);
    }
    waitingUntil = null;
    awaitNotPaused();
    Workflow.setCurrentDetails("");
    record(step.id(), exitReason == null ? "waited until " + until : "exited while waiting");
    return step.next();
  }

  private void awaitNotPaused() {
    if (paused) {
      Workflow.await(() -> !paused || exitReason != null);
    }
    if (!"running".equals(state) && exitReason == null) {
      setRunState("running", currentStep);
    }
  }

  private void enter(Step step) {
    visits.merge(step.id(), 1, Integer::sum);
    currentStep = step.id();
    if (!"running".equals(state)) {
      setRunState("running", step.id());
    }
  }

  private void setRunState(String newState, String step) {
    state = newState;
    Workflow.upsertTypedSearchAttributes(
        RunSearchAttributes.RUN_STATE.valueSet(newState),
        RunSearchAttributes.CURRENT_STEP.valueSet(step));
  }

  private String idempotencyKey(Step step) {
    var info = Workflow.getInfo();
    return info.getWorkflowId() + "/" + info.getRunId() + "/" + step.id() + "/" + visits.get(step.id());
  }

  private void record(String stepId, String outcome) {
    path.add(new RunStatus.PathEntry(stepId, Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString(), outcome));
  }

  private static String rootMessage(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  @Override
  public void pause() {
    if (!paused && exitReason == null) {
      paused = true;
      setRunState("paused", currentStep);
    }
  }

  @Override
  public void resume() {
    if (paused) {
      paused = false;
      setRunState(waitingUntil != null ? "waiting" : "running", currentStep);
    }
  }

  @Override
  public void exit(String reason) {
    if (exitReason == null) {
      exitReason = reason == null || reason.isBlank() ? "exit requested" : reason;
    }
  }

  @Override
  public void event(Map<String, Object> event) {
    // goals, wait_for and exitWhen react to events; nothing in this map listens yet
  }

  @Override
  public RunStatus status() {
    return new RunStatus(
        paused ? "paused" : state,
        currentStep == null ? List.of() : List.of(currentStep),
        waitingUntil == null ? null : waitingUntil.toString(),
        null,
        List.copyOf(path),
        Map.copyOf(vars),
        List.of());
  }
}
