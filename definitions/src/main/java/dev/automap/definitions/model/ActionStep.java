package dev.automap.definitions.model;

import java.util.ArrayList;
import java.util.List;

/** A step with a side effect, run as one idempotent activity. */
public sealed interface ActionStep extends Step
    permits MessageStep,
        CreateContactStep,
        FindContactStep,
        UpdateContactStep,
        IncrementFieldStep,
        AddTagsStep,
        RemoveTagsStep,
        AssignOwnerStep,
        UnassignOwnerStep,
        SetDndStep,
        AddNoteStep,
        CreateTaskStep,
        DeleteContactStep,
        AdjustScoreStep,
        AddFollowersStep,
        RemoveFollowersStep,
        CopyContactStep,
        AddToListStep,
        RemoveFromListStep,
        SetCustomValueStep,
        UpsertOpportunityStep,
        RemoveOpportunityStep,
        UpdateAppointmentStatusStep,
        SendSlackStep,
        WebhookStep,
        AiPromptStep {

  OnError onError();

  /** {@code next}, and the step {@code onError} names, if any. */
  @Override
  default List<Successor> successors() {
    List<Successor> out = new ArrayList<>(2);
    if (next() != null) {
      out.add(new Successor("/next", next()));
    }
    if (onError() != null && onError().stepId() != null) {
      out.add(new Successor("/onError/then", onError().stepId()));
    }
    return out;
  }
}
