package dev.automap.workers.triggers;

import dev.automap.workers.triggers.ScheduleActivities.PageRequest;
import dev.automap.workers.triggers.ScheduleActivities.PageResult;
import dev.automap.workers.triggers.ScheduleInput.Fired;
import dev.automap.workers.triggers.ScheduleInput.Firing;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Sleeps on a durable timer until the next cron time, then pages through the account's contacts.
 * Each run of the chain handles one fire and continues as new, carrying the last fire; a fire too
 * long for one history continues as new mid-way, carrying its cursor, and resumes there.
 */
public class ScheduleTriggerRunImpl implements ScheduleTriggerRun {

  private final ScheduleActivities activities =
      Workflow.newActivityStub(
          ScheduleActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              // a schedule must not die of a database outage: retry until it is back
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  private ScheduleInput input;
  private ScheduleConfig config;
  private Firing firing;
  private Fired lastFired;
  private int fires;
  private Instant nextFireAt;
  private String state = "starting";
  private String reason;
  private String stopReason;
  private boolean refreshed;

  @Override
  public String run(ScheduleInput in) {
    input = in;
    config = in.config();
    firing = in.firing();
    lastFired = in.lastFired();
    fires = in.fires();
    String ended = firing == null ? sleepUntilFire() : null;
    if (ended != null) {
      return ended;
    }
    ended = fire();
    if (ended != null) {
      return ended;
    }
    lastFired = new Fired(firing.at(), now(), firing.pages(), firing.enrolled(), firing.skipped());
    fires++;
    firing = null;
    if (stopReason != null) {
      return end("stopped", stopReason);
    }
    Workflow.continueAsNew(input.with(config, null, lastFired, fires));
    throw new IllegalStateException("unreachable");
  }

  /**
   * Sleeps until the next cron time (again after a refresh); null once it is time to fire, else why
   * the schedule ended.
   */
  private String sleepUntilFire() {
    while (firing == null) {
      refreshed = false;
      Instant from = lastFired != null && lastFired.at().isAfter(now()) ? lastFired.at() : now();
      ScheduleConfig c = config;
      // recorded, so a later cron library or time-zone database cannot change a replay
      long next =
          Workflow.sideEffect(
              Long.class,
              () -> {
                Instant at = CronTimes.next(c.schedule(), ZoneId.of(c.timezone()), from);
                return at == null ? -1L : at.toEpochMilli();
              });
      if (next < 0) {
        return end("ended", "the cron expression has no further time");
      }
      nextFireAt = Instant.ofEpochMilli(next);
      state = "sleeping";
      Workflow.setCurrentDetails(sleepingDetails());
      Duration left = Duration.between(now(), nextFireAt);
      if (left.isPositive()) {
        Workflow.await(left, () -> stopReason != null || refreshed);
      }
      if (stopReason != null) {
        return end("stopped", stopReason);
      }
      if (now().isBefore(nextFireAt)) {
        continue; // refreshed: the new cron decides
      }
      firing = new Firing(nextFireAt, null, 0, 0, 0);
      nextFireAt = null;
    }
    return null;
  }

  private String sleepingDetails() {
    return "Next fire at "
        + nextFireAt
        + " ("
        + config.schedule()
        + " in "
        + config.timezone()
        + ")"
        + (lastFired == null
            ? ""
            : "; last fire "
                + lastFired.at()
                + " enrolled "
                + lastFired.enrolled()
                + ", skipped "
                + lastFired.skipped());
  }

  /**
   * Pages through the audience for the fire under way, continuing as new when history is full; null
   * once every page is done, else why the schedule ended.
   */
  private String fire() {
    state = "firing";
    while (true) {
      if (stopReason != null) {
        return end("stopped", stopReason);
      }
      if (historyFull()) {
        Workflow.continueAsNew(input.with(config, firing, lastFired, fires));
      }
      Workflow.setCurrentDetails(
          "Firing for "
              + firing.at()
              + ": page "
              + (firing.pages() + 1)
              + (firing.cursor() == null ? "" : " after contact " + firing.cursor())
              + "; enrolled "
              + firing.enrolled()
              + ", skipped "
              + firing.skipped());
      PageResult page =
          activities.enrollPage(
              new PageRequest(
                  input.accountId(),
                  input.automationKey(),
                  config.version(),
                  input.triggerIndex(),
                  config.audience(),
                  firing.cursor(),
                  input.pageSizeOrDefault(),
                  firing.at()));
      if (page.inactive() != null) {
        return end("stopped", page.inactive());
      }
      firing = firing.after(page.nextCursor(), page.enrolled(), page.skipped());
      if (page.nextCursor() == null) {
        return null;
      }
    }
  }

  @Override
  public void stop(String why) {
    stopReason = why == null || why.isBlank() ? "stopped" : why;
  }

  @Override
  public void refresh(ScheduleConfig newConfig) {
    if (newConfig != null) {
      config = newConfig;
      refreshed = true;
    }
  }

  @Override
  public ScheduleStatus status() {
    return new ScheduleStatus(
        state,
        config == null ? 0 : config.version(),
        config == null ? null : config.schedule(),
        config == null ? null : config.timezone(),
        nextFireAt,
        firing,
        lastFired,
        fires,
        reason);
  }

  private String end(String finalState, String why) {
    state = finalState;
    reason = why;
    nextFireAt = null;
    Workflow.setCurrentDetails("Schedule " + finalState + ": " + why);
    return why;
  }

  private boolean historyFull() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= input.historyLimitOrDefault()
        || info.isContinueAsNewSuggested();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
