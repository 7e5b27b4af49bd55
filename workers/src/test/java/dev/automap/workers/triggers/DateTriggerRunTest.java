package dev.automap.workers.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.Repeat;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A contact's date trigger against stand-ins for its activities, in skipped time. */
class DateTriggerRunTest {
  static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");
  static final DateTrigger BIRTHDAY =
      new DateTrigger("contact.fields.birthday", null, LocalTime.of(9, 0), Repeat.YEARLY);
  static final DateTrigger DAY_BEFORE_APPOINTMENT =
      new DateTrigger("contact.fields.appointment", Duration.ofDays(-1), null, Repeat.NONE);

  /** One contact's field and zone, read with the real time arithmetic; fires are recorded. */
  static class StandInDates implements DateActivities {
    final DateTrigger trigger;
    final Map<String, String> field = new ConcurrentHashMap<>();
    final List<Instant> fired = new CopyOnWriteArrayList<>();
    final List<Instant> armedAt = new CopyOnWriteArrayList<>();
    volatile ZoneId zone = ZoneId.of("UTC");

    StandInDates(DateTrigger trigger, String value) {
      this.trigger = trigger;
      if (value != null) {
        field.put("value", value);
      }
    }

    @Override
    public Armed arm(
        String accountId,
        String automationKey,
        String contactId,
        int triggerIndex,
        Instant now,
        Instant firedAt) {
      armedAt.add(now);
      String value = field.get("value");
      Instant at = DateTriggerTimes.next(value, trigger, zone, now, firedAt);
      boolean yearly = trigger.repeatOrDefault() == Repeat.YEARLY;
      return new Armed(
          at,
          trigger.date(),
          yearly,
          false,
          at != null ? null : value == null ? "empty" : "the date has passed");
    }

    @Override
    public Fire fire(
        String triggerWorkflowId,
        String accountId,
        String automationKey,
        String contactId,
        int triggerIndex,
        Instant fireAt) {
      fired.add(fireAt);
      return new Fire(true, false, "enrolled");
    }

    @Override
    public ArmedPage armPage(
        String accountId,
        String automationKey,
        int triggerIndex,
        String afterContactId,
        int pageSize) {
      throw new UnsupportedOperationException();
    }
  }

  TestWorkflowEnvironment env;

  @AfterEach
  void close() {
    env.close();
  }

  DateTriggerRun start(StandInDates dates) {
    env = TriggerTestEnvironment.start(MONDAY_NOON, dates);
    DateTriggerRun run =
        env.getWorkflowClient()
            .newWorkflowStub(
                DateTriggerRun.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(Triggers.dateWorkflowId("acme", "birthday", "c_1", 0))
                    .setTaskQueue(TriggerTestEnvironment.TASK_QUEUE)
                    .build());
    WorkflowClient.start(run::run, DateInput.of("acme", "birthday", "c_1", 0));
    return run;
  }

  static String result(DateTriggerRun run) {
    return WorkflowStub.fromTyped(run).getResult(String.class);
  }

  @Test
  void aBirthdayFiresEachYearAtNineInTheContactsZone() {
    var dates = new StandInDates(BIRTHDAY, "1990-06-15");
    dates.zone = ZoneId.of("Europe/Berlin");
    DateTriggerRun run = start(dates);

    env.sleep(Duration.ofDays(3 * 366));

    assertThat(dates.fired)
        .containsExactly(
            Instant.parse("2026-06-15T07:00:00Z"),
            Instant.parse("2027-06-15T07:00:00Z"),
            Instant.parse("2028-06-15T07:00:00Z"));
    DateStatus status = run.status();
    assertThat(status.state()).isEqualTo("waiting");
    assertThat(status.fireAt()).isEqualTo(Instant.parse("2029-06-15T07:00:00Z"));
    assertThat(status.fires()).isEqualTo(3);
  }

  @Test
  void aChangedFieldReArmsTheTimer() {
    var dates = new StandInDates(BIRTHDAY, "1990-06-15");
    DateTriggerRun run = start(dates);
    env.sleep(Duration.ofDays(1));
    assertThat(run.status().fireAt()).isEqualTo(Instant.parse("2026-06-15T09:00:00Z"));

    dates.field.put("value", "1990-03-20");
    run.event(
        Map.of(
            "type",
            "contact.updated",
            "contactId",
            "c_1",
            "data",
            Map.of("changed", List.of("birthday"))));
    env.sleep(Duration.ofDays(120));

    assertThat(dates.fired).containsExactly(Instant.parse("2026-03-20T09:00:00Z"));
    assertThat(run.status().fireAt()).isEqualTo(Instant.parse("2027-03-20T09:00:00Z"));
    replays(run);
  }

  void replays(DateTriggerRun run) {
    var execution = WorkflowStub.fromTyped(run).getExecution();
    try {
      WorkflowReplayer.replayWorkflowExecution(
          env.getWorkflowClient().fetchHistory(execution.getWorkflowId()),
          DateTriggerRunImpl.class);
    } catch (Exception e) {
      throw new AssertionError("replay failed", e);
    }
  }

  @Test
  void aChangeOfAnotherFieldLeavesTheTimerAlone() {
    var dates = new StandInDates(BIRTHDAY, "1990-06-15");
    DateTriggerRun run = start(dates);
    env.sleep(Duration.ofHours(1));
    int reads = dates.armedAt.size();

    run.event(
        Map.of(
            "type",
            "contact.updated",
            "contactId",
            "c_1",
            "data",
            Map.of("changed", List.of("firstName"))));
    env.sleep(Duration.ofHours(1));

    assertThat(dates.armedAt).hasSize(reads);
  }

  @Test
  void clearingTheFieldEndsIt() {
    var dates = new StandInDates(BIRTHDAY, "1990-06-15");
    DateTriggerRun run = start(dates);
    env.sleep(Duration.ofDays(1));

    dates.field.remove("value");
    run.changed("contact.fields.birthday");

    assertThat(result(run)).isEqualTo("empty");
    assertThat(dates.fired).isEmpty();
  }

  @Test
  void anAppointmentReminderADayBeforeFiresOnce() {
    var dates = new StandInDates(DAY_BEFORE_APPOINTMENT, "2026-03-05T15:00:00Z");
    DateTriggerRun run = start(dates);

    assertThat(result(run)).isEqualTo("fired");
    assertThat(dates.fired).containsExactly(Instant.parse("2026-03-04T15:00:00Z"));
    env.sleep(Duration.ofDays(30));
    assertThat(dates.fired).hasSize(1);
    replays(run);
  }

  @Test
  void aPastDateThatDoesNotRepeatNeverFires() {
    var dates = new StandInDates(DAY_BEFORE_APPOINTMENT, "2026-02-01T15:00:00Z");
    DateTriggerRun run = start(dates);

    assertThat(result(run)).isEqualTo("the date has passed");
    env.sleep(Duration.ofDays(400));
    assertThat(dates.fired).isEmpty();
  }

  @Test
  void stopEndsTheWaitWithoutFiring() {
    var dates = new StandInDates(BIRTHDAY, "1990-06-15");
    DateTriggerRun run = start(dates);
    env.sleep(Duration.ofDays(1));

    run.stop("automation archived");

    assertThat(result(run)).isEqualTo("automation archived");
    assertThat(dates.fired).isEmpty();
  }
}
