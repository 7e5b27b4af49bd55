package dev.automap.workers.automations;

/**
 * The workflow ID of a contact's run of an automation: {@code
 * <accountId>:<automationKey>:<contactId>}, so one contact has at most one open run per automation.
 */
public final class WorkflowIds {
  private WorkflowIds() {}

  public static String of(String accountId, String automationKey, String contactId) {
    return accountId + ":" + automationKey + ":" + contactId;
  }
}
