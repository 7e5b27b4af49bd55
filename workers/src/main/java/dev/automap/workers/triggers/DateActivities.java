package dev.automap.workers.triggers;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/**
 * What a contact's date trigger needs: when to fire (read from the contact), and the enrollment.
 */
@ActivityInterface
public interface DateActivities {

  /**
   * When the trigger fires next for the contact, read from the automation's live version and the
   * contact's field, in the contact's zone (else the map's). Only the instant enters history, not
   * the date itself. Run as a local activity.
   *
   * @param now the workflow's time
   * @param firedAt the instant it last fired for: the answer comes after it
   */
  @ActivityMethod(name = "triggers.dateArm")
  Armed arm(
      String accountId,
      String automationKey,
      String contactId,
      int triggerIndex,
      Instant now,
      Instant firedAt);

  /**
   * Enrolls the contact in the automation's live version, if it still has this date trigger and the
   * contact meets the map's audience. Idempotent: keyed by {@code triggerWorkflowId} and {@code
   * fireAt}, a retry enrolls no one twice.
   */
  @ActivityMethod(name = "triggers.dateFire")
  Fire fire(
      String triggerWorkflowId,
      String accountId,
      String automationKey,
      String contactId,
      int triggerIndex,
      Instant fireAt);

  /**
   * Starts (or re-arms) the date workflow of every contact in the next page, by id, whose field has
   * a value: what publishing a date trigger does for the contacts already there.
   */
  @ActivityMethod(name = "triggers.dateArmPage")
  ArmedPage armPage(
      String accountId,
      String automationKey,
      int triggerIndex,
      String afterContactId,
      int pageSize);

  /**
   * @param fireAt when to fire; null when it will not (see {@code reason})
   * @param field the trigger's date path, to know which changes matter
   * @param yearly whether it fires again on the next anniversary
   * @param inactive true when the automation or its trigger is gone, not merely the date
   */
  record Armed(Instant fireAt, String field, boolean yearly, boolean inactive, String reason) {}

  /**
   * @param enrolled whether the contact was enrolled, else {@code reason} says why not
   * @param inactive true when the automation or its trigger is gone: the workflow ends
   */
  record Fire(boolean enrolled, boolean inactive, String reason) {}

  /**
   * @param armed date workflows started or re-armed in this page
   * @param nextCursor the last contact id of this page, null when it was the last page
   * @param inactive true when the automation or its trigger is gone: arming stops
   */
  record ArmedPage(int armed, String nextCursor, boolean inactive) {}
}
