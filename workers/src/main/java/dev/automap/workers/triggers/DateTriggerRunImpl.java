package dev.automap.workers.triggers;

import dev.automap.workers.triggers.DateActivities.Armed;
import dev.automap.workers.triggers.DateActivities.Fire;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Arms a durable timer at the instant a local activity computes from the contact's field, and
 * re-arms it whenever it is told the field changed. When the date is empty or past (for a one-off)
 * it ends: the next change of the field starts it again (signal-with-start), so no workflow is kept
 * for contacts without a date.
 */
public class DateTriggerRunImpl implements DateTriggerRun {
  private static final RetryOptions UNTIL_BACK =
      RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build();

  private final DateActivities local =
      Workflow.newLocalActivityStub(
          DateActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setRetryOptions(UNTIL_BACK)
              .build());

  private final DateActivities activities =
      Workflow.newActivityStub(
          DateActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(UNTIL_BACK)
              .build());

  private DateInput input;
  private String field;
  private boolean changed;
  private String stopReason;
  private String state = "arming";
  private Instant fireAt;
  private Instant firedAt;
  private int fires;
  private String reason;

  @Override
  public String run(DateInput in) {
    input = in;
    firedAt = in.firedAt();
    fires = in.fires();
    String self = Workflow.getInfo().getWorkflowId();
    while (true) {
      if (stopReason != null) {
        return end(stopReason);
      }
      if (historyFull()) {
        Workflow.continueAsNew(input.fired(firedAt, fires));
      }
      changed = false;
      state = "arming";
      Armed armed =
          local.arm(
              in.accountId(),
              in.automationKey(),
              in.contactId(),
              in.triggerIndex(),
              now(),
              firedAt);
      field = armed.field();
      if (armed.fireAt() == null) {
        if (changed && !armed.inactive()) {
          continue; // the field changed while it was being read
        }
        return end(armed.reason());
      }
      fireAt = armed.fireAt();
      state = "waiting";
      reason = null;
      Workflow.setCurrentDetails(waitingDetails(armed));
      Duration left = Duration.between(now(), fireAt);
      if (left.isPositive()) {
        Workflow.await(left, () -> changed || stopReason != null);
      }
      if (stopReason != null) {
        return end(stopReason);
      }
      if (changed) {
        continue;
      }
      state = "firing";
      Fire fire = fire(self);
      if (fire.inactive()) {
        return end(fire.reason());
      }
      if (!armed.yearly()) {
        if (changed) {
          continue; // a new date came in while it fired: it may lie ahead
        }
        return end(fire.enrolled() ? "fired" : "fired, not enrolled: " + fire.reason());
      }
      Workflow.continueAsNew(input.fired(firedAt, fires));
    }
  }

  /** What the run shows while it waits: whom it enrolls, when, and from which field. */
  private String waitingDetails(Armed armed) {
    return "Enrolls "
        + input.contactId()
        + " at "
        + fireAt
        + " ("
        + field
        + (armed.yearly() ? ", yearly" : "")
        + ")";
  }

  /** Enrolls the contact for the time armed, and counts the fire. */
  private Fire fire(String self) {
    Fire fire =
        activities.fire(
            self,
            input.accountId(),
            input.automationKey(),
            input.contactId(),
            input.triggerIndex(),
            fireAt);
    firedAt = fireAt;
    fires++;
    fireAt = null;
    return fire;
  }

  @Override
  public void changed(String changedField) {
    changed = true;
  }

  @Override
  public void event(Map<String, Object> event) {
    if (event != null && "contact.updated".equals(event.get("type")) && names(event, field)) {
      changed = true;
    }
  }

  @Override
  public void stop(String why) {
    stopReason = why == null || why.isBlank() ? "stopped" : why;
  }

  @Override
  public DateStatus status() {
    return new DateStatus(state, field, fireAt, firedAt, fires, reason);
  }

  /**
   * Whether {@code data.changed} names the field (before the field is known: any change) or the
   * zone.
   */
  static boolean names(Map<String, Object> event, String field) {
    if (!(event.get("data") instanceof Map<?, ?> data)
        || !(data.get("changed") instanceof List<?> names)) {
      return false;
    }
    for (Object name : names) {
      String n = String.valueOf(name);
      if (field == null || ChangedFields.matches(n, field) || ChangedFields.isTimezone(n)) {
        return true;
      }
    }
    return false;
  }

  private String end(String why) {
    state = "ended";
    reason = why;
    fireAt = null;
    Workflow.setCurrentDetails("Ended: " + why);
    return why;
  }

  private boolean historyFull() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= input.historyLimitOrDefault()
        || info.isContinueAsNewSuggested();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
