package dev.automap.workers.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.workers.TestStack;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupActivationTest implements TestPropertyProvider {
  @Inject StartupActivation startup;
  @Inject AccountRepository accounts;
  @Inject AutomationCatalog catalog;
  @Inject EnrollmentRepository enrollments;
  @Inject WorkflowClient client;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.full();
  }

  @Test
  void startingAgainRestartsTriggersAndRecordsRunsTheServiceNoLongerKnowsAsLost() {
    String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(account, "Startup", null));
    var map =
        MapJson.parse(
                """
        key: monday
        triggers: [{schedule: "0 9 * * MON"}]
        start: done
        steps: [{id: done, type: end}]
        """)
            .map();
    catalog.saveDraft(account, map, null);
    catalog.publish(account, "monday"); // straight to the store: nothing started its trigger
    String gone = account + ":vanished:c_1";
    enrollments.save(
        new Enrollment(
            gone, "run-1", account, "vanished", 1, "c_1", "running", Instant.now(), null, null));

    startup.onStartup(null);

    var schedule = client.newUntypedWorkflowStub(Triggers.scheduleWorkflowId(account, "monday", 0));
    assertThat(schedule.describe().getWorkflowExecutionInfo().hasCloseTime())
        .as("the schedule runs")
        .isFalse();
    assertThat(enrollments.findById(gone).orElseThrow().state()).isEqualTo("lost");
  }

  @Inject dev.automap.workers.contacts.ContactDirectory contacts;
  @Inject io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

  @Test
  void anEventStoredButNeverRoutedIsRoutedAtTheNextStart() throws Exception {
    String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(account, "Recovery", null));
    var map =
        MapJson.parse(
                """
        key: recovered
        triggers: [{event: order.placed}]
        start: tag
        steps: [{id: tag, type: add_tags, tags: [recovered]}]
        """)
            .map();
    catalog.saveDraft(account, map, null);
    catalog.publish(account, "recovered");
    String contactId =
        contacts
            .create(
                account,
                new dev.automap.workers.contacts.ContactDirectory.NewContact(
                    null, null, "Ada", null, null, null, null, null, null, null))
            .contact()
            .id();
    // as a process that stopped between storing the event and routing it leaves it
    transactions.executeWrite(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      """
          with stored as (
            insert into events (id, account_id, type, contact_id, occurred_at, data, source, created_at)
            values (?, ?, 'order.placed', ?, now(), '{}', '{"via":"api"}', now() - interval '5 minutes')
            returning account_id, id, created_at)
          insert into event_outbox (account_id, id, created_at)
          select account_id, id, created_at from stored""")) {
            ps.setString(1, "evt_lost_" + account);
            ps.setString(2, account);
            ps.setString(3, contactId);
            return ps.executeUpdate();
          }
        });

    startup.onStartup(null);

    for (int i = 0;
        i < 100 && !contacts.get(account, contactId).tags().contains("recovered");
        i++) {
      Thread.sleep(100);
    }
    assertThat(contacts.get(account, contactId).tags()).contains("recovered");
  }
}
