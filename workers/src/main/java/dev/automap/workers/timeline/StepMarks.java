package dev.automap.workers.timeline;

import java.time.Instant;
import java.util.List;

/**
 * What a run tells the step counters: the step visits it entered and left since it last told them.
 * Each mark counts once (its key is the visit's key with {@code /in} or {@code /out}).
 *
 * @param version the version of the map the run follows
 */
public record StepMarks(
    String accountId,
    String contactId,
    String workflowId,
    String automationKey,
    int version,
    List<Mark> marks) {

  /** Entering a step. */
  public static final String ENTER = "enter";

  /** Leaving a step. */
  public static final String LEAVE = "leave";

  /**
   * One mark.
   *
   * @param kind {@link #ENTER} or {@link #LEAVE}
   * @param outcome on leaving: {@code completed}, {@code failed}, or {@code left} (the run ended,
   *     moved or jumped to a goal while on the step)
   * @param path the path a branch, switch or split took
   * @param logged whether the step log has the visit already (an action writes its own entry)
   * @param detail what the step decided, in words, for the step log
   */
  public record Mark(
      String key,
      String stepId,
      String type,
      String kind,
      String outcome,
      String path,
      boolean logged,
      String detail,
      Instant at) {}
}
