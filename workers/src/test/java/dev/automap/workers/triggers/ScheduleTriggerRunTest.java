package dev.automap.workers.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.FieldCondition;
import dev.automap.definitions.conditions.Op;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The schedule workflow against a stand-in for its page activity, in skipped time. */
class ScheduleTriggerRunTest {
  static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");

  /** Pages a fixed list of contact ids, enrolling those whose id is not in {@code refused}. */
  static class StandInPages implements ScheduleActivities {
    final List<String> contacts;
    final List<PageRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> runIds = new CopyOnWriteArrayList<>();
    List<String> refused = List.of();
    String inactive;

    StandInPages(List<String> contacts) {
      this.contacts = contacts;
    }

    @Override
    public PageResult enrollPage(PageRequest r) {
      requests.add(r);
      runIds.add(Activity.getExecutionContext().getInfo().getRunId());
      if (inactive != null) {
        return new PageResult(0, 0, null, inactive);
      }
      List<String> page =
          contacts.stream()
              .filter(c -> r.afterContactId() == null || c.compareTo(r.afterContactId()) > 0)
              .limit(r.pageSize())
              .toList();
      int skipped = (int) page.stream().filter(refused::contains).count();
      String next = page.size() < r.pageSize() ? null : page.getLast();
      return new PageResult(page.size() - skipped, skipped, next, null);
    }

    List<Instant> fireTimes() {
      return requests.stream().map(PageRequest::fireAt).distinct().toList();
    }
  }

  TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    env.close();
  }

  ScheduleTriggerRun start(ScheduleInput input) {
    ScheduleTriggerRun run =
        env.getWorkflowClient()
            .newWorkflowStub(
                ScheduleTriggerRun.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(
                        Triggers.scheduleWorkflowId(
                            input.accountId(), input.automationKey(), input.triggerIndex()))
                    .setTaskQueue(TriggerTestEnvironment.TASK_QUEUE)
                    .build());
    WorkflowClient.start(run::run, input);
    return run;
  }

  static ScheduleInput weekly(String cron, String zone) {
    return ScheduleInput.of("acme", "weekly", 0, new ScheduleConfig(1, cron, zone, null));
  }

  @Test
  void aWeeklyCronFiresAtNineNewYorkTimeOnBothSidesOfTheDstChange() {
    var pages = new StandInPages(List.of("c_1", "c_2"));
    env = TriggerTestEnvironment.start(MONDAY_NOON, pages);
    ScheduleTriggerRun run = start(weekly("0 9 * * MON", "America/New_York"));

    env.sleep(Duration.ofDays(16));

    // New York moves to daylight time on Sunday 8 March 2026: 09:00 is 14:00Z before, 13:00Z after
    assertThat(pages.fireTimes())
        .containsExactly(
            Instant.parse("2026-03-02T14:00:00Z"),
            Instant.parse("2026-03-09T13:00:00Z"),
            Instant.parse("2026-03-16T13:00:00Z"));
    ScheduleStatus status = run.status();
    assertThat(status.state()).isEqualTo("sleeping");
    assertThat(status.nextFireAt()).isEqualTo(Instant.parse("2026-03-23T13:00:00Z"));
    assertThat(status.fires()).isEqualTo(3);
    assertThat(status.lastFired().enrolled()).isEqualTo(2);
    replays(run);
  }

  @Test
  void aFireLongerThanOneHistoryContinuesAsNewAndResumesAtItsCursor() {
    var pages = new StandInPages(List.of("c_01", "c_02", "c_03", "c_04", "c_05", "c_06", "c_07"));
    pages.refused = List.of("c_03");
    env = TriggerTestEnvironment.start(MONDAY_NOON, pages);
    ScheduleTriggerRun run = start(weekly("0 13 * * *", "UTC").withLimits(2, 20));

    env.sleep(Duration.ofHours(2));

    assertThat(pages.requests)
        .extracting(ScheduleActivities.PageRequest::afterContactId)
        .containsExactly(null, "c_02", "c_04", "c_06");
    assertThat(pages.requests)
        .extracting(ScheduleActivities.PageRequest::fireAt)
        .containsOnly(Instant.parse("2026-03-02T13:00:00Z"));
    assertThat(pages.runIds.stream().distinct().count())
        .as("pages served by more than one run")
        .isGreaterThan(1);
    ScheduleStatus status = run.status();
    assertThat(status.fires()).isEqualTo(1);
    assertThat(status.lastFired().pages()).isEqualTo(4);
    assertThat(status.lastFired().enrolled()).isEqualTo(6);
    assertThat(status.lastFired().skipped()).isEqualTo(1);
    assertThat(status.nextFireAt()).isEqualTo(Instant.parse("2026-03-03T13:00:00Z"));
    replays(run);
  }

  /** Every run of the chain so far replays on the current code: the workflow is deterministic. */
  void replays(ScheduleTriggerRun run) {
    var client = env.getWorkflowClient();
    var execution = WorkflowStub.fromTyped(run).getExecution();
    try {
      WorkflowReplayer.replayWorkflowExecution(
          client.fetchHistory(execution.getWorkflowId()), ScheduleTriggerRunImpl.class);
    } catch (Exception e) {
      throw new AssertionError("replay failed", e);
    }
  }

  @Test
  void stopEndsTheScheduleCleanly() {
    var pages = new StandInPages(List.of("c_1"));
    env = TriggerTestEnvironment.start(MONDAY_NOON, pages);
    ScheduleTriggerRun run = start(weekly("0 9 * * MON", "UTC"));
    env.sleep(Duration.ofDays(1));

    run.stop("automation paused");

    assertThat(WorkflowStub.fromTyped(run).getResult(String.class)).isEqualTo("automation paused");
    env.sleep(Duration.ofDays(14));
    assertThat(pages.requests).isEmpty();
  }

  @Test
  void aRefreshTakesTheNewCronAndAudience() {
    var pages = new StandInPages(List.of("c_1"));
    env = TriggerTestEnvironment.start(MONDAY_NOON, pages);
    ScheduleTriggerRun run = start(weekly("0 9 * * MON", "UTC"));
    env.sleep(Duration.ofHours(1));
    Condition vip = new FieldCondition("contact.tags", Op.CONTAINS, TextNode.valueOf("vip"));

    run.refresh(new ScheduleConfig(2, "0 9 * * WED", "UTC", vip));
    env.sleep(Duration.ofDays(3));

    assertThat(pages.requests)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.fireAt()).isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
              assertThat(r.version()).isEqualTo(2);
              assertThat(r.audience()).isEqualTo(vip);
            });
  }

  @Test
  void anAutomationNoLongerActiveEndsTheSchedule() {
    var pages = new StandInPages(List.of("c_1"));
    pages.inactive = "automation weekly is paused, not active";
    env = TriggerTestEnvironment.start(MONDAY_NOON, pages);
    ScheduleTriggerRun run = start(weekly("0 13 * * *", "UTC"));

    assertThat(WorkflowStub.fromTyped(run).getResult(String.class)).isEqualTo(pages.inactive);
    assertThat(run.status().state()).isEqualTo("stopped");
  }
}
