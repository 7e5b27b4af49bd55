package dev.automap.workers.triggers;

import java.time.Instant;

/**
 * A schedule trigger's workflow input, and what one run of the chain hands the next when it
 * continues as new.
 *
 * @param firing the fire in progress (its time and page cursor), null between fires
 * @param lastFired the last fire that went through every page, null before the first
 * @param pageSize contacts judged per activity call (default 100)
 * @param historyLimit continue as new mid-fire once history passes this many events (default 2,000)
 */
public record ScheduleInput(
    String accountId,
    String automationKey,
    int triggerIndex,
    ScheduleConfig config,
    Firing firing,
    Fired lastFired,
    int fires,
    Integer pageSize,
    Integer historyLimit) {

  public static final int DEFAULT_PAGE_SIZE = 100;
  public static final int DEFAULT_HISTORY_LIMIT = 2_000;

  public static ScheduleInput of(
      String accountId, String automationKey, int triggerIndex, ScheduleConfig config) {
    return new ScheduleInput(
        accountId, automationKey, triggerIndex, config, null, null, 0, null, null);
  }

  public ScheduleInput with(ScheduleConfig config, Firing firing, Fired lastFired, int fires) {
    return new ScheduleInput(
        accountId,
        automationKey,
        triggerIndex,
        config,
        firing,
        lastFired,
        fires,
        pageSize,
        historyLimit);
  }

  public ScheduleInput withLimits(Integer pageSize, Integer historyLimit) {
    return new ScheduleInput(
        accountId,
        automationKey,
        triggerIndex,
        config,
        firing,
        lastFired,
        fires,
        pageSize,
        historyLimit);
  }

  public int pageSizeOrDefault() {
    return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }

  public int historyLimitOrDefault() {
    return historyLimit == null ? DEFAULT_HISTORY_LIMIT : historyLimit;
  }

  /**
   * A fire going through the contacts page by page; {@code cursor} is the last contact id judged.
   */
  public record Firing(Instant at, String cursor, int pages, int enrolled, int skipped) {

    Firing after(String nextCursor, int enrolledNow, int skippedNow) {
      return new Firing(at, nextCursor, pages + 1, enrolled + enrolledNow, skipped + skippedNow);
    }
  }

  /** A fire that went through every page. */
  public record Fired(Instant at, Instant finishedAt, int pages, int enrolled, int skipped) {}
}
