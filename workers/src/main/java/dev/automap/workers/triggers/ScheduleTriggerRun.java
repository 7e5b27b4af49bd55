package dev.automap.workers.triggers;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One schedule trigger of one automation: sleeps until the next cron time, then enrolls every
 * contact of the account meeting the audience, page by page, and continues as new. Its ID is {@code
 * <accountId>:<automationKey>:schedule:<triggerIndex>}.
 */
@WorkflowInterface
public interface ScheduleTriggerRun {

  /** Returns why it ended: stopped, the automation no longer active, or no further cron time. */
  @WorkflowMethod(name = "ScheduleTriggerRun")
  String run(ScheduleInput input);

  /** Ends the schedule after the page in progress (the automation was paused or unpublished). */
  @SignalMethod(name = "stop")
  void stop(String reason);

  /**
   * A new version was published: the next fire follows its cron and zone; a fire in progress judges
   * its remaining pages by the new audience.
   */
  @SignalMethod(name = "refresh")
  void refresh(ScheduleConfig config);

  @QueryMethod(name = "status")
  ScheduleStatus status();
}
