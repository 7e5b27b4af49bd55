package dev.automap.workers.triggers;

/**
 * Progress of arming a date trigger for an account's contacts, carried across continue-as-new.
 *
 * @param cursor the last contact id done, null before the first page
 */
public record ArmingInput(
    String accountId,
    String automationKey,
    int triggerIndex,
    int version,
    String cursor,
    int pages,
    int armed,
    Integer pageSize,
    Integer historyLimit) {

  public static ArmingInput of(
      String accountId, String automationKey, int triggerIndex, int version) {
    return new ArmingInput(accountId, automationKey, triggerIndex, version, null, 0, 0, null, null);
  }

  ArmingInput after(String nextCursor, int armedNow) {
    return new ArmingInput(
        accountId,
        automationKey,
        triggerIndex,
        version,
        nextCursor,
        pages + 1,
        armed + armedNow,
        pageSize,
        historyLimit);
  }

  public int pageSizeOrDefault() {
    return pageSize == null ? ScheduleInput.DEFAULT_PAGE_SIZE : pageSize;
  }

  public int historyLimitOrDefault() {
    return historyLimit == null ? ScheduleInput.DEFAULT_HISTORY_LIMIT : historyLimit;
  }
}
