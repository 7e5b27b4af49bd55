package dev.automap.workers.triggers;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Arms a newly published date trigger for the contacts already in the account, page by page. Its ID
 * is {@code <accountId>:<automationKey>:date:<triggerIndex>:arming}; a later publish replaces it.
 */
@WorkflowInterface
public interface DateTriggerArming {

  /** Returns how many contacts' date workflows it started or re-armed. */
  @WorkflowMethod(name = "DateTriggerArming")
  int run(ArmingInput input);

  @SignalMethod(name = "stop")
  void stop(String reason);

  @QueryMethod(name = "status")
  ArmingInput status();
}
