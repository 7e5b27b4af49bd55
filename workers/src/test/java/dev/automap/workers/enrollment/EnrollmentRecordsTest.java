package dev.automap.workers.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.definitions.model.MapJson;
import dev.automap.workers.TestStack;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run's start and end are recorded with their count and their {@code automation.*} event in one
 * transaction: when storing the event fails, nothing of them is written, and the caller's retry
 * writes them all once. Maps that follow another map's runs hear every start and every end.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrollmentRecordsTest implements TestPropertyProvider {
  @Inject EnrollmentService enrollmentService;
  @Inject EnrollmentRepository enrollments;
  @Inject AccountRepository accounts;
  @Inject AutomationCatalog catalog;
  @Inject ContactDirectory contacts;
  @Inject WorkflowClient client;
  @Inject TransactionOperations<Connection> transactions;

  private final List<String> refusals = new ArrayList<>();

  @Override
  public Map<String, String> getProperties() {
    return TestStack.full();
  }

  @AfterEach
  void acceptEventsAgain() {
    refusals.forEach(name -> sql("drop trigger if exists " + name + " on events"));
    refusals.clear();
  }

  @Test
  void aStartWhoseEventCouldNotBeStoredIsRecordedOnceWhenAskedAgain() {
    String account = account();
    String contactId = contact(account);
    AutomationCatalog.Saved live = publishWaiting(account, "starts");
    String workflowId = EnrollmentService.workflowId(account, "starts", contactId);
    String actionKey = "route:" + account + ":evt_1:starts";

    refuseEvents(contactId, "automation.enrolled");
    assertThatThrownBy(
            () ->
                enrollmentService.enroll(
                    account, live.version(), live.map(), contactId, null, null, actionKey))
        .hasMessageContaining("events refused");
    // the run started in Temporal; the store holds nothing of it
    String runId = runIdInTemporal(workflowId);
    assertThat(enrollments.latestRun(workflowId)).isEmpty();
    assertThat(enrollmentService.startedBy(actionKey)).isFalse();
    assertThat(count("enrolled", account, "starts")).isZero();

    acceptEventsAgain();
    assertThat(
            enrollmentService.enroll(
                account, live.version(), live.map(), contactId, null, null, actionKey))
        .isEqualTo(workflowId);
    assertThat(enrollments.latestRun(workflowId).orElseThrow().runId())
        .as("the run started by the first attempt is the one recorded")
        .isEqualTo(runId);
    assertThat(events(account, contactId, "automation.enrolled")).isEqualTo(1);
    assertThat(count("enrolled", account, "starts")).isEqualTo(1);
    assertThat(enrollmentService.startedBy(actionKey)).isTrue();
  }

  @Test
  void anEndWhoseEventCouldNotBeStoredIsRecordedOnceWhenAskedAgain() {
    String account = account();
    String contactId = contact(account);
    AutomationCatalog.Saved live = publishWaiting(account, "ends");
    String workflowId =
        enrollmentService.enroll(account, live.version(), live.map(), contactId, null);

    refuseEvents(contactId, "automation.completed");
    Instant endedAt = Instant.now();
    assertThatThrownBy(() -> enrollmentService.finish(workflowId, "completed", null, endedAt))
        .hasMessageContaining("events refused");
    assertThat(enrollments.latestRun(workflowId).orElseThrow().state()).isEqualTo("running");
    assertThat(count("completed", account, "ends")).isZero();

    // the engine's local activity is retried: the end is recorded, counted and raised, once
    acceptEventsAgain();
    enrollmentService.finish(workflowId, "completed", null, endedAt);
    enrollmentService.finish(workflowId, "completed", null, endedAt);
    assertThat(enrollments.latestRun(workflowId).orElseThrow().state()).isEqualTo("completed");
    assertThat(events(account, contactId, "automation.completed")).isEqualTo(1);
    assertThat(count("completed", account, "ends")).isEqualTo(1);
  }

  @Test
  void aGoalWhoseCountFailedIsCountedOnceWhenAskedAgain() {
    String account = account();
    String contactId = contact(account);
    AutomationCatalog.Saved live = publishWaiting(account, "goals");
    String workflowId =
        enrollmentService.enroll(account, live.version(), live.map(), contactId, null);
    String runId = enrollments.latestRun(workflowId).orElseThrow().runId();

    // the count is stored after the event: make the count fail, as a crash between them would
    String name = "refuse_goal_count_" + UUID.randomUUID().toString().replace("-", "");
    sql(
        ("create or replace function %s() returns trigger language plpgsql as $$ begin"
                + " if new.automation_key = 'goals' and new.account_id = '%s'"
                + " and new.name = 'goals_met' then raise exception 'counts refused'; end if;"
                + " return new; end $$")
            .formatted(name, account));
    sql(
        "create trigger %s before insert or update on step_counts for each row execute function %s()"
            .formatted(name, name));
    try {
      assertThatThrownBy(() -> enrollmentService.goalMet(workflowId, runId, "wait"))
          .hasMessageContaining("counts refused");
      assertThat(events(account, contactId, "automation.goal_met")).isZero();
    } finally {
      sql("drop trigger if exists " + name + " on step_counts");
    }
    enrollmentService.goalMet(workflowId, runId, "wait");
    enrollmentService.goalMet(workflowId, runId, "wait");
    assertThat(events(account, contactId, "automation.goal_met")).isEqualTo(1);
    assertThat(count("goals_met", account, "goals")).isEqualTo(1);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private String account() {
    String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(account, "Records", null));
    return account;
  }

  private String contact(String account) {
    return contacts
        .create(
            account,
            new ContactDirectory.NewContact(
                null, null, "Ada", null, null, null, null, null, null, null))
        .contact()
        .id();
  }

  /** A map whose runs wait 30 days on their first step: they stay where the test leaves them. */
  private AutomationCatalog.Saved publishWaiting(String account, String key) {
    var map =
        MapJson.parse(
                """
                {"key": "%s", "start": "wait", "steps": [
                  {"id": "wait", "type": "wait", "duration": "P30D"}]}"""
                    .formatted(key))
            .map();
    catalog.saveDraft(account, map, null);
    catalog.publish(account, key);
    return catalog.active(account, key);
  }

  /** Makes the events table refuse, until the test ends, events of that type about the contact. */
  private void refuseEvents(String contactId, String type) {
    String name = "refuse_events_" + UUID.randomUUID().toString().replace("-", "");
    sql(
        ("create or replace function %s() returns trigger language plpgsql as $$ begin"
                + " if new.contact_id = '%s' and new.type = '%s' then"
                + " raise exception 'events refused'; end if; return new; end $$")
            .formatted(name, contactId, type));
    sql(
        "create trigger %s before insert on events for each row execute function %s()"
            .formatted(name, name));
    refusals.add(name);
  }

  private String runIdInTemporal(String workflowId) {
    return client
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getWorkflowExecutionInfo()
        .getExecution()
        .getRunId();
  }

  private long events(String account, String contactId, String type) {
    return query(
        "select count(*) from events where account_id = ? and contact_id = ? and type = ?",
        account,
        contactId,
        type);
  }

  /** A version's own counter (enrolled, completed, goals_met…) of the account's automation. */
  private long count(String name, String account, String key) {
    return query(
        "select coalesce(sum(n), 0) from step_counts where account_id = ? and automation_key = ?"
            + " and step_id = '' and name = ?",
        account,
        key,
        name);
  }

  private long query(String statement, String... values) {
    return transactions.executeRead(
        status -> {
          try (var ps = status.getConnection().prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
              ps.setString(i + 1, values[i]);
            }
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private void sql(String statement) {
    transactions.executeWrite(
        status -> {
          try (var st = status.getConnection().createStatement()) {
            st.execute(statement);
          }
          return null;
        });
  }
}
