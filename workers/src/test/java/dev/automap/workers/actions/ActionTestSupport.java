package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.automap.definitions.model.ActionStep;
import dev.automap.workers.TestStack;
import dev.automap.workers.contacts.AccountUsers;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import dev.automap.workers.store.ActionLedgerRepository;
import dev.automap.workers.store.EventRecord;
import dev.automap.workers.store.EventRepository;
import dev.automap.workers.store.StepLogRepository;
import io.micronaut.test.support.TestPropertyProvider;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the action tests share: an account with users, contacts, requests with fresh keys, and a
 * snapshot of everything an action may change, to prove a retry changes nothing.
 */
public abstract class ActionTestSupport implements TestPropertyProvider {
  protected static final String ACCOUNT = "acme";
  private static final AtomicInteger RUNS = new AtomicInteger();

  @Inject protected ActionDispatcher dispatcher;
  @Inject protected ContactDirectory contacts;
  @Inject protected AccountRepository accounts;
  @Inject protected AccountUsers users;
  @Inject protected ActionLedgerRepository ledger;
  @Inject protected EventRepository events;
  @Inject protected StepLogRepository stepLog;

  @Inject
  protected io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.databaseOnly();
  }

  protected void ensureAccount(String id, String organization) {
    if (!accounts.existsById(id)) {
      accounts.save(new Account(id, id, organization, null));
    }
  }

  /** A user of the account, made once per id. */
  protected String user(String id) {
    ensureAccount(ACCOUNT, "org-acme");
    if (users.list(ACCOUNT).stream().noneMatch(u -> u.id().equals(id))) {
      users.add(ACCOUNT, id, "User " + id, null, null);
    }
    return id;
  }

  protected String newContact(String firstName, String... tags) {
    return newContact(
        new ContactDirectory.NewContact(
            null, null, firstName, null, null, null, null, null, null, List.of(tags)));
  }

  protected String newContact(ContactDirectory.NewContact c) {
    ensureAccount(ACCOUNT, "org-acme");
    return contacts.create(ACCOUNT, c).contact().id();
  }

  /** A request as a run would send it: key {@code <workflowId>/<runId>/<stepId>/1}. */
  protected ActionRequest request(String contactId, String stepId) {
    String workflowId = ACCOUNT + ":test-map:" + contactId;
    return new ActionRequest(
        workflowId + "/run-" + RUNS.incrementAndGet() + "/" + stepId + "/1",
        ACCOUNT,
        contactId,
        "test-map",
        stepId,
        Map.of(),
        null);
  }

  protected ActionRequest request(
      String contactId, String stepId, Map<String, Object> vars, Map<String, Object> event) {
    ActionRequest r = request(contactId, stepId);
    return new ActionRequest(
        r.idempotencyKey(), ACCOUNT, contactId, "test-map", stepId, vars, event);
  }

  protected ActionResult perform(ActionRequest request, ActionStep step) {
    return dispatcher.perform(step.type(), request, step);
  }

  /** Performs the step twice with one key: the second answers unchanged and changes nothing. */
  protected ActionResult performTwice(ActionRequest request, ActionStep step) {
    ActionResult first = perform(request, step);
    Map<String, Object> before = snapshot();
    ActionResult second = perform(request, step);
    assertThat(second.outcome()).isEqualTo("unchanged");
    assertThat(second.output()).isEqualTo(first.output());
    assertThat(second.endsRun()).isEqualTo(first.endsRun());
    assertThat(snapshot()).isEqualTo(before);
    assertThat(ledger.countByKey(request.idempotencyKey())).isEqualTo(1);
    assertThat(stepLog.byKey(request.idempotencyKey()))
        .singleElement()
        .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(first.outcome()));
    return first;
  }

  /** Every row an action may write, as text: equal snapshots mean nothing changed. */
  protected Map<String, Object> snapshot() {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (String table :
        List.of(
            "contacts",
            "contact_tags",
            "contact_followers",
            "lists",
            "list_members",
            "notes",
            "tasks",
            "opportunities",
            "appointments",
            "account_values",
            "owner_rotations",
            "events",
            "step_log",
            "action_ledger",
            "messages")) {
      // when an event was routed is the router's business, done after the action, not the action's
      String row =
          table.equals("events")
              ? "(t.id, t.account_id, t.type, t.contact_id, t.occurred_at, t.data, t.source, t.created_at)::text"
              : "t::text";
      out.put(table, rows("select " + row + " from " + table + " t order by 1"));
    }
    return out;
  }

  protected List<String> rows(String sql) {
    return transactions.executeRead(
        status -> {
          try (var statement = status.getConnection().prepareStatement(sql);
              var rs = statement.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
              rows.add(rs.getString(1));
            }
            return rows;
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
          }
        });
  }

  /** The contact's events, oldest first. */
  protected List<EventRecord> eventsOf(String contactId) {
    return events.latestOf(ACCOUNT, contactId, 500).reversed();
  }

  protected List<String> eventTypes(String contactId) {
    return eventsOf(contactId).stream().map(EventRecord::type).toList();
  }

  /** The call fails with a non-retryable {@code BadActionInput} whose message says {@code says}. */
  protected static void assertBadInput(ThrowingCallable call, String says) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) thrown;
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ActionFailures.BAD_INPUT);
    assertThat(failure.getOriginalMessage()).contains(says);
  }
}
