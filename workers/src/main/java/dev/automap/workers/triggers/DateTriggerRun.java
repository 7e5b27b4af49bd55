package dev.automap.workers.triggers;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * One date trigger of one automation for one contact: waits until the date in the contact's field
 * (plus offset, at the local time) and enrolls the contact; a yearly trigger then waits for the
 * next anniversary. Its ID is {@code <accountId>:<automationKey>:<contactId>:date:<triggerIndex>}.
 */
@WorkflowInterface
public interface DateTriggerRun {

  /** Returns why it ended: fired (once), no date, date passed, stopped, automation not active. */
  @WorkflowMethod(name = "DateTriggerRun")
  String run(DateInput input);

  /** The contact's field (or zone) changed: re-read it and re-arm the timer. */
  @SignalMethod(name = "changed")
  void changed(String field);

  /**
   * An event about the contact, as {@code AutomationRun} takes them: a {@code contact.updated}
   * whose {@code data.changed} names the field or the contact's timezone re-arms the timer.
   */
  @SignalMethod(name = "event")
  void event(Map<String, Object> event);

  @SignalMethod(name = "stop")
  void stop(String reason);

  @QueryMethod(name = "status")
  DateStatus status();
}
