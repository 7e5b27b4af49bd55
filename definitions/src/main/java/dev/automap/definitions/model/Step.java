package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One step of a map. Flow steps steer and are decided inside the workflow; action steps do
 * something and each runs as one idempotent activity.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WaitStep.class, name = "wait"),
  @JsonSubTypes.Type(value = WaitForStep.class, name = "wait_for"),
  @JsonSubTypes.Type(value = BranchStep.class, name = "branch"),
  @JsonSubTypes.Type(value = SwitchStep.class, name = "switch"),
  @JsonSubTypes.Type(value = SplitStep.class, name = "split"),
  @JsonSubTypes.Type(value = GoalStep.class, name = "goal"),
  @JsonSubTypes.Type(value = ForkStep.class, name = "fork"),
  @JsonSubTypes.Type(value = DripStep.class, name = "drip"),
  @JsonSubTypes.Type(value = EnrollStep.class, name = "enroll"),
  @JsonSubTypes.Type(value = UnenrollStep.class, name = "unenroll"),
  @JsonSubTypes.Type(value = PauseEnrollmentStep.class, name = "pause_enrollment"),
  @JsonSubTypes.Type(value = ResumeEnrollmentStep.class, name = "resume_enrollment"),
  @JsonSubTypes.Type(value = SetVarStep.class, name = "set_var"),
  @JsonSubTypes.Type(value = FormatStep.class, name = "format"),
  @JsonSubTypes.Type(value = EndStep.class, name = "end"),
  @JsonSubTypes.Type(value = CreateContactStep.class, name = "create_contact"),
  @JsonSubTypes.Type(value = FindContactStep.class, name = "find_contact"),
  @JsonSubTypes.Type(value = UpdateContactStep.class, name = "update_contact"),
  @JsonSubTypes.Type(value = IncrementFieldStep.class, name = "increment_field"),
  @JsonSubTypes.Type(value = AddTagsStep.class, name = "add_tags"),
  @JsonSubTypes.Type(value = RemoveTagsStep.class, name = "remove_tags"),
  @JsonSubTypes.Type(value = AssignOwnerStep.class, name = "assign_owner"),
  @JsonSubTypes.Type(value = UnassignOwnerStep.class, name = "unassign_owner"),
  @JsonSubTypes.Type(value = SetDndStep.class, name = "set_dnd"),
  @JsonSubTypes.Type(value = AddNoteStep.class, name = "add_note"),
  @JsonSubTypes.Type(value = CreateTaskStep.class, name = "create_task"),
  @JsonSubTypes.Type(value = DeleteContactStep.class, name = "delete_contact"),
  @JsonSubTypes.Type(value = AdjustScoreStep.class, name = "adjust_score"),
  @JsonSubTypes.Type(value = AddFollowersStep.class, name = "add_followers"),
  @JsonSubTypes.Type(value = RemoveFollowersStep.class, name = "remove_followers"),
  @JsonSubTypes.Type(value = CopyContactStep.class, name = "copy_contact"),
  @JsonSubTypes.Type(value = AddToListStep.class, name = "add_to_list"),
  @JsonSubTypes.Type(value = RemoveFromListStep.class, name = "remove_from_list"),
  @JsonSubTypes.Type(value = SetCustomValueStep.class, name = "set_custom_value"),
  @JsonSubTypes.Type(value = UpsertOpportunityStep.class, name = "upsert_opportunity"),
  @JsonSubTypes.Type(value = RemoveOpportunityStep.class, name = "remove_opportunity"),
  @JsonSubTypes.Type(value = UpdateAppointmentStatusStep.class, name = "update_appointment_status"),
  @JsonSubTypes.Type(value = SendEmailStep.class, name = "send_email"),
  @JsonSubTypes.Type(value = SendSmsStep.class, name = "send_sms"),
  @JsonSubTypes.Type(value = SendWhatsappStep.class, name = "send_whatsapp"),
  @JsonSubTypes.Type(value = SendSlackStep.class, name = "send_slack"),
  @JsonSubTypes.Type(value = NotifyStep.class, name = "notify"),
  @JsonSubTypes.Type(value = WebhookStep.class, name = "webhook"),
  @JsonSubTypes.Type(value = AiPromptStep.class, name = "ai_prompt"),
})
public sealed interface Step permits FlowStep, ActionStep {
  String id();

  /** A label; null for steps whose {@code name} field names what they set. */
  String name();

  /** The step after this one; null ends this path (or the step has other ways out). */
  String next();

  /** Every step this one can go to, with the field that names it. */
  default List<Successor> successors() {
    return next() == null ? List.of() : List.of(new Successor("/next", next()));
  }

  /**
   * Whether a contact can stay on this step for a while (a timer or an outside event), which is
   * what keeps a loop through it from spinning.
   */
  default boolean mayWait() {
    return switch (this) {
      case WaitStep w -> true;
      case WaitForStep w -> true;
      case DripStep d -> true;
      case GoalStep g -> g.ifUnmetOrDefault() == IfUnmet.WAIT;
      case EnrollStep e -> e.waits();
      default -> false;
    };
  }

  /** The name of this step's type in the map format, e.g. {@code send_email}. */
  default String type() {
    return StepTypes.nameOf(getClass());
  }
}
