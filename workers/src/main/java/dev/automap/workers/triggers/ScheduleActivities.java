package dev.automap.workers.triggers;

import dev.automap.definitions.conditions.Condition;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/** What a schedule trigger does at a fire: enroll the account's contacts, one page at a time. */
@ActivityInterface
public interface ScheduleActivities {

  /**
   * Judges the next page of contacts (ids after {@code afterContactId}, in id order) against the
   * audience and the map's own, and enrolls those meeting both in the automation's live version. A
   * contact already enrolled, or whose map does not allow another run, is a skip. Idempotent: each
   * enrollment is keyed by {@code triggerWorkflowId}, {@code fireAt} and the contact, so a retried
   * page enrolls no one twice.
   */
  @ActivityMethod(name = "triggers.enrollPage")
  PageResult enrollPage(PageRequest request);

  /**
   * @param afterContactId the cursor: the last contact id judged, null for the first page
   * @param fireAt the cron time of this fire (conditions judge {@code now} as this time)
   */
  record PageRequest(
      String accountId,
      String automationKey,
      int version,
      int triggerIndex,
      Condition audience,
      String afterContactId,
      int pageSize,
      Instant fireAt) {}

  /**
   * @param nextCursor the last contact id of this page, null when it was the last page
   * @param inactive why the automation takes no more enrollments (paused, archived, gone), else
   *     null
   */
  record PageResult(int enrolled, int skipped, String nextCursor, String inactive) {}
}
