package dev.automap.workers.triggers;

import java.util.List;

/** The trigger workflows: their types, for the worker, and their IDs. */
public final class Triggers {
  /** Registered by the worker beside {@code AutomationRun}. */
  public static final List<Class<?>> WORKFLOW_TYPES =
      List.of(ScheduleTriggerRunImpl.class, DateTriggerRunImpl.class, DateTriggerArmingImpl.class);

  private Triggers() {}

  /** {@code <accountId>:<automationKey>:schedule:<triggerIndex>}: one per schedule trigger. */
  public static String scheduleWorkflowId(
      String accountId, String automationKey, int triggerIndex) {
    return accountId + ":" + automationKey + ":schedule:" + triggerIndex;
  }

  /**
   * {@code <accountId>:<automationKey>:<contactId>:date:<triggerIndex>}: one per date trigger and
   * contact.
   */
  public static String dateWorkflowId(
      String accountId, String automationKey, String contactId, int triggerIndex) {
    return accountId + ":" + automationKey + ":" + contactId + ":date:" + triggerIndex;
  }

  /**
   * {@code <accountId>:<automationKey>:date:<triggerIndex>:arming}: arming a published date
   * trigger.
   */
  public static String armingWorkflowId(String accountId, String automationKey, int triggerIndex) {
    return accountId + ":" + automationKey + ":date:" + triggerIndex + ":arming";
  }
}
