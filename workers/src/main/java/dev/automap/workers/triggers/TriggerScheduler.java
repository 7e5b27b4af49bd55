package dev.automap.workers.triggers;

import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.ScheduleTrigger;
import dev.automap.definitions.model.Trigger;
import dev.automap.workers.temporal.TemporalConfig;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trigger workflows in step with what is published: a schedule workflow per schedule
 * trigger, a date workflow per date trigger and contact with a date. Every call is idempotent;
 * starting and signalling go through signal-with-start, so a call cannot race a workflow that is
 * ending or starting.
 */
@Singleton
public class TriggerScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(TriggerScheduler.class);

  private final WorkflowClient client;
  private final TemporalConfig config;
  private final ActiveTriggerRepository triggers;
  private final TriggerEnrollment enrollment;

  public TriggerScheduler(
      WorkflowClient client,
      TemporalConfig config,
      ActiveTriggerRepository triggers,
      TriggerEnrollment enrollment) {
    this.client = client;
    this.config = config;
    this.triggers = triggers;
    this.enrollment = enrollment;
  }

  /**
   * A version was published: starts or refreshes a workflow per schedule trigger, arms every date
   * trigger for the contacts already there, and stops what the previous version had and this one no
   * longer has.
   */
  public void activate(String accountId, String automationKey, int version, AutomationMap map) {
    List<ActiveTrigger> before =
        triggers.findByAccountIdAndAutomationKeyOrderByTriggerIndex(accountId, automationKey);
    List<Trigger> list = map.triggers();
    for (ActiveTrigger old : before) {
      Trigger now = old.triggerIndex() < list.size() ? list.get(old.triggerIndex()) : null;
      boolean sameKind =
          ActiveTrigger.SCHEDULE.equals(old.kind())
              ? now instanceof ScheduleTrigger
              : now instanceof DateTrigger;
      if (!sameKind) {
        stop(old, "version " + version + " has no such trigger");
        triggers.deleteById(old.id());
      }
    }
    for (int i = 0; i < list.size(); i++) {
      switch (list.get(i)) {
        case ScheduleTrigger s -> {
          save(
              new ActiveTrigger(
                  ActiveTrigger.idOf(accountId, automationKey, i),
                  accountId,
                  automationKey,
                  i,
                  ActiveTrigger.SCHEDULE,
                  version,
                  null));
          startSchedule(accountId, automationKey, i, configOf(version, s, map));
        }
        case DateTrigger d -> {
          save(
              new ActiveTrigger(
                  ActiveTrigger.idOf(accountId, automationKey, i),
                  accountId,
                  automationKey,
                  i,
                  ActiveTrigger.DATE,
                  version,
                  d.date()));
          startArming(accountId, automationKey, i, version);
        }
        case null, default -> {
          // event and segment triggers are routed as events arrive
        }
      }
    }
  }

  /**
   * The automation was paused, archived or unpublished: stops its schedules and arming. Date
   * workflows of contacts end on their own at their next fire, finding the automation inactive.
   */
  public void deactivate(String accountId, String automationKey) {
    for (ActiveTrigger t :
        triggers.findByAccountIdAndAutomationKeyOrderByTriggerIndex(accountId, automationKey)) {
      stop(t, "automation " + automationKey + " deactivated");
      triggers.deleteById(t.id());
    }
  }

  /** A contact was created: arms each date trigger of the account whose field it has. */
  public void contactCreated(String accountId, String contactId) {
    List<ActiveTrigger> dates = triggers.findByAccountIdAndKind(accountId, ActiveTrigger.DATE);
    if (dates.isEmpty()) {
      return;
    }
    Optional<Facts> facts = enrollment.facts(accountId, contactId, Map.of(), Instant.now());
    if (facts.isEmpty()) {
      return;
    }
    for (ActiveTrigger t : dates) {
      if (TriggerEnrollment.hasValue(facts.get(), t.field())) {
        armDate(accountId, t.automationKey(), contactId, t.triggerIndex(), t.field());
      }
    }
  }

  /**
   * Fields of a contact changed ({@code contact.updated}'s {@code data.changed}): each date trigger
   * on one of them (or any, when the contact's zone changed) is re-armed; one whose field was
   * cleared is told, so it ends.
   */
  public void contactChanged(String accountId, String contactId, Collection<String> changedFields) {
    if (changedFields == null || changedFields.isEmpty()) {
      return;
    }
    boolean zone = changedFields.stream().anyMatch(ChangedFields::isTimezone);
    List<ActiveTrigger> affected =
        triggers.findByAccountIdAndKind(accountId, ActiveTrigger.DATE).stream()
            .filter(
                t ->
                    zone
                        || changedFields.stream()
                            .anyMatch(n -> ChangedFields.matches(n, t.field())))
            .toList();
    if (affected.isEmpty()) {
      return;
    }
    Optional<Facts> facts = enrollment.facts(accountId, contactId, Map.of(), Instant.now());
    for (ActiveTrigger t : affected) {
      if (facts.isPresent() && TriggerEnrollment.hasValue(facts.get(), t.field())) {
        armDate(accountId, t.automationKey(), contactId, t.triggerIndex(), t.field());
      } else {
        signal(
            Triggers.dateWorkflowId(accountId, t.automationKey(), contactId, t.triggerIndex()),
            "changed",
            t.field());
      }
    }
  }

  /**
   * Starts the contact's date workflow, or tells the running one to re-read its field: one call.
   */
  public void armDate(
      String accountId, String automationKey, String contactId, int triggerIndex, String field) {
    for (int attempt = 1; ; attempt++) {
      try {
        signalWithStartDate(accountId, automationKey, contactId, triggerIndex, field);
        return;
      } catch (WorkflowExecutionAlreadyStarted e) {
        // two arms raced to start the same workflow: it exists now, so the next try signals it
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  private void signalWithStartDate(
      String accountId, String automationKey, String contactId, int triggerIndex, String field) {
    DateTriggerRun run =
        client.newWorkflowStub(
            DateTriggerRun.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(
                    Triggers.dateWorkflowId(accountId, automationKey, contactId, triggerIndex))
                .setTaskQueue(config.taskQueue())
                .setStaticSummary(
                    "Date trigger "
                        + triggerIndex
                        + " ("
                        + field
                        + ") of "
                        + automationKey
                        + " for "
                        + contactId)
                .build());
    var request = client.newSignalWithStartRequest();
    request.add(run::run, DateInput.of(accountId, automationKey, contactId, triggerIndex));
    request.add(run::changed, field);
    client.signalWithStart(request);
  }

  private void startSchedule(
      String accountId, String automationKey, int index, ScheduleConfig schedule) {
    ScheduleTriggerRun run =
        client.newWorkflowStub(
            ScheduleTriggerRun.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(Triggers.scheduleWorkflowId(accountId, automationKey, index))
                .setTaskQueue(config.taskQueue())
                .setStaticSummary(
                    "Schedule "
                        + schedule.schedule()
                        + " ("
                        + schedule.timezone()
                        + ") of "
                        + automationKey)
                .build());
    var request = client.newSignalWithStartRequest();
    request.add(run::run, ScheduleInput.of(accountId, automationKey, index, schedule));
    request.add(run::refresh, schedule);
    client.signalWithStart(request);
  }

  private void startArming(String accountId, String automationKey, int index, int version) {
    DateTriggerArming arming =
        client.newWorkflowStub(
            DateTriggerArming.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(Triggers.armingWorkflowId(accountId, automationKey, index))
                .setTaskQueue(config.taskQueue())
                // a new version re-arms from the first contact: arming is idempotent
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING)
                .setStaticSummary(
                    "Arming date trigger "
                        + index
                        + " of "
                        + automationKey
                        + ", version "
                        + version)
                .build());
    WorkflowClient.start(arming::run, ArmingInput.of(accountId, automationKey, index, version));
  }

  static ScheduleConfig configOf(int version, ScheduleTrigger s, AutomationMap map) {
    return new ScheduleConfig(
        version,
        s.schedule(),
        s.timezone() != null ? s.timezone() : map.timezoneOrUtc(),
        s.audience());
  }

  private void stop(ActiveTrigger t, String reason) {
    String id =
        ActiveTrigger.SCHEDULE.equals(t.kind())
            ? Triggers.scheduleWorkflowId(t.accountId(), t.automationKey(), t.triggerIndex())
            : Triggers.armingWorkflowId(t.accountId(), t.automationKey(), t.triggerIndex());
    signal(id, "stop", reason);
  }

  private void signal(String workflowId, String signal, Object arg) {
    try {
      client
          .newUntypedWorkflowStub(workflowId, Optional.empty(), Optional.empty())
          .signal(signal, arg);
    } catch (WorkflowNotFoundException e) {
      LOG.debug("{} is not running: no {} needed", workflowId, signal);
    }
  }

  private void save(ActiveTrigger t) {
    if (triggers.existsById(t.id())) {
      triggers.update(t);
    } else {
      triggers.save(t);
    }
  }
}
