package dev.automap.workers.run;

import io.temporal.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The run's log: Temporal's workflow logger, which stays silent while a run replays, with the
 * contact and the step in the MDC beside the SDK's {@code WorkflowId}. Logging changes nothing a
 * run decides, so it may change without breaking replays.
 */
final class RunLog {
  /** The MDC keys of the contact and the step, in the SDK's own style ({@code WorkflowId}). */
  static final String CONTACT = "ContactId";

  static final String STEP = "StepId";

  static final Logger LOG = Workflow.getLogger(AutomationRunImpl.class);

  private RunLog() {}

  /** The contact, and the step when there is one, for what this workflow thread logs next. */
  static void at(String contactId, String stepId) {
    MDC.put(CONTACT, contactId);
    if (stepId == null) {
      MDC.remove(STEP);
    } else {
      MDC.put(STEP, stepId);
    }
  }
}
