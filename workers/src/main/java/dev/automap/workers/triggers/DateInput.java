package dev.automap.workers.triggers;

import java.time.Instant;

/**
 * A date trigger's workflow input for one contact; the trigger itself is read from the live version
 * each time the timer is armed, so a new version needs no new input.
 *
 * @param firedAt the last instant it fired for (a yearly trigger's previous anniversary), or null
 * @param historyLimit continue as new once history passes this many events (default 1,000)
 */
public record DateInput(
    String accountId,
    String automationKey,
    String contactId,
    int triggerIndex,
    Instant firedAt,
    int fires,
    Integer historyLimit) {

  public static final int DEFAULT_HISTORY_LIMIT = 1_000;

  public static DateInput of(
      String accountId, String automationKey, String contactId, int triggerIndex) {
    return new DateInput(accountId, automationKey, contactId, triggerIndex, null, 0, null);
  }

  DateInput fired(Instant at, int count) {
    return new DateInput(
        accountId, automationKey, contactId, triggerIndex, at, count, historyLimit);
  }

  public int historyLimitOrDefault() {
    return historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
  }
}
