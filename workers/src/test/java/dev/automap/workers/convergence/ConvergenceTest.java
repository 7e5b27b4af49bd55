package dev.automap.workers.convergence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.workers.TestStack;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.routing.EventRouter;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The store converges with what happened: closed runs' enrollments, events left unrouted. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvergenceTest implements TestPropertyProvider {
  @Inject Convergence convergence;
  @Inject EventRouter router;
  @Inject AccountRepository accounts;
  @Inject AutomationCatalog catalog;
  @Inject ContactDirectory contacts;
  @Inject EnrollmentService enrollmentService;
  @Inject EnrollmentRepository enrollments;
  @Inject WorkflowClient client;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(TestStack.full());
    properties.put("automap.convergence.every", "1h"); // passes are made by the tests
    return properties;
  }

  private String account() {
    String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(account, "Convergence", null));
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

  private void publish(String account, String yaml) {
    var map = MapJson.parse(yaml).map();
    catalog.saveDraft(account, map, null);
    catalog.publish(account, map.key());
  }

  /** As a run leaves its row when it could not record its end: running, and long started. */
  private void lostEnd(String workflowId) {
    sql(
        "update enrollments set state = 'running', ended_at = null, reason = null,"
            + " started_at = now() - interval '5 minutes' where workflow_id = ?",
        workflowId);
  }

  private void sql(String statement, String... values) {
    transactions.executeWrite(
        status -> {
          try (var ps = status.getConnection().prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
              ps.setString(i + 1, values[i]);
            }
            return ps.executeUpdate();
          }
        });
  }

  private Enrollment row(String workflowId) {
    return enrollments.latestRun(workflowId).orElseThrow();
  }

  private void reconcile(String... workflowIds) {
    convergence.reconcile(); // a pass over a page of running rows
    for (String workflowId : workflowIds) {
      convergence.reconcile(row(workflowId));
    }
  }

  @Test
  void aClosedRunWhoseEndWasNeverRecordedIsRecordedFromItsResult() throws Exception {
    String account = account();
    publish(
        account,
        """
        key: quick
        start: tag
        steps:
          - {id: tag, type: add_tags, tags: [quick], next: done}
          - {id: done, type: end}
        """);
    String contactId = contact(account);
    var saved = catalog.activeMaps(account).getFirst();
    String workflowId =
        enrollmentService.enroll(account, saved.version(), saved.map(), contactId, Map.of());
    client.newUntypedWorkflowStub(workflowId).getResult(Object.class);
    lostEnd(workflowId);
    assertThat(row(workflowId).state()).isEqualTo("running");

    reconcile(workflowId);

    assertThat(row(workflowId).state()).isEqualTo("completed");
    assertThat(row(workflowId).endedAt()).isNotNull();
  }

  @Test
  void aTerminatedRunIsRecordedAsFailedAndALiveOneIsLeftAlone() {
    String account = account();
    publish(
        account,
        """
        key: slow
        start: sleep
        steps:
          - {id: sleep, type: wait, duration: P30D, next: done}
          - {id: done, type: end}
        """);
    var saved = catalog.activeMaps(account).getFirst();
    String terminated =
        enrollmentService.enroll(account, saved.version(), saved.map(), contact(account), Map.of());
    String live =
        enrollmentService.enroll(account, saved.version(), saved.map(), contact(account), Map.of());
    client.newUntypedWorkflowStub(terminated).terminate("by an operator");
    lostEnd(terminated);
    lostEnd(live);

    reconcile(terminated, live);

    assertThat(row(terminated).state()).isEqualTo("failed");
    assertThat(row(terminated).reason()).isEqualTo("the run terminated");
    assertThat(row(live).state()).isEqualTo("running");
  }

  @Test
  void anEventLeftUnroutedIsRoutedOnceThoughTwoProcessesRecoverAtOnce() {
    String account = account();
    publish(
        account,
        """
        key: counted
        triggers: [{event: order.placed}]
        enrollment: {reenroll: after_exit}
        start: count
        steps:
          - {id: count, type: increment_field, field: contact.fields.orders, by: 1, next: done}
          - {id: done, type: end}
        """);
    String contactId = contact(account);
    // as a process that stopped between storing the event and routing it leaves it
    sql(
        """
        with stored as (
          insert into events (id, account_id, type, contact_id, occurred_at, data, source, created_at)
          values (?, ?, 'order.placed', ?, now(), '{}', '{"via":"api"}', now() - interval '2 minutes')
          returning account_id, id, created_at)
        insert into event_outbox (account_id, id, created_at)
        select account_id, id, created_at from stored""",
        "evt_left_" + account,
        account,
        contactId);

    List<CompletableFuture<Integer>> passes =
        List.of(
            CompletableFuture.supplyAsync(router::recover),
            CompletableFuture.supplyAsync(router::recover),
            CompletableFuture.supplyAsync(router::recover));
    int routed = passes.stream().mapToInt(CompletableFuture::join).sum();

    assertThat(routed).isEqualTo(1);
    Object orders = null;
    for (int i = 0; i < 100 && orders == null; i++) {
      orders = contacts.get(account, contactId).contact().fields().get("orders");
      sleep();
    }
    sleep();
    assertThat(
            new BigDecimal(
                String.valueOf(contacts.get(account, contactId).contact().fields().get("orders"))))
        .isEqualByComparingTo("1");
    assertThat(router.recover()).as("routed already: nothing left").isZero();

    // as a process leaves an event it routed but stopped before recording so: routed again, it
    // enrolls no one a second time (the first run has ended; the map allows another)
    sql(
        "insert into event_outbox (account_id, id, created_at, routing_until)"
            + " select account_id, id, created_at, now() - interval '1 second' from events"
            + " where id = ?",
        "evt_left_" + account);
    assertThat(router.recover()).isEqualTo(1);
    sleep();
    sleep();
    assertThat(
            new BigDecimal(
                String.valueOf(contacts.get(account, contactId).contact().fields().get("orders"))))
        .isEqualByComparingTo("1");
    assertThat(enrollments.latestOf(account, contactId, 10)).hasSize(1);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
