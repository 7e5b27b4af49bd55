package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.routing.EventIngestion;
import dev.automap.workers.routing.TriggerIndex;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ingestion against a raw batched INSERT of the same events, measured in the same run, and the cost
 * per event with 1 and with 1,000 active automations (listening for other event types). Prints
 * ratios; asserts only what must hold on any machine.
 */
@Tag("slow")
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestionBenchmarkTest implements TestPropertyProvider {
  static final int EVENTS = 2_000;
  static final int CONTACTS = 200;

  @Inject EventIngestion ingestion;
  @Inject ContactDirectory contacts;
  @Inject AccountRepository accounts;
  @Inject AutomationCatalog catalog;
  @Inject TriggerIndex index;
  @Inject JdbcOperations jdbc;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    return EmbeddedStack.properties();
  }

  String account;
  List<String> contactIds = new ArrayList<>();

  List<JsonNode> events(String run) {
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      events.add(
          MapJson.mapper()
              .valueToTree(
                  Map.of(
                      "id",
                      run + "-" + i,
                      "type",
                      "page.viewed",
                      "contactId",
                      contactIds.get(i % CONTACTS),
                      "data",
                      Map.of("url", "/pricing", "n", i))));
    }
    return events;
  }

  long ingest(List<JsonNode> events) {
    long started = System.nanoTime();
    for (JsonNode e : events) {
      assertThat(ingestion.ingest(account, e, "").accepted()).isTrue();
    }
    return System.nanoTime() - started;
  }

  long rawInsert(List<JsonNode> events) {
    jdbc.execute(
        c ->
            c.createStatement()
                .execute(
                    "create table if not exists bench_events (like events including defaults)"));
    long started = System.nanoTime();
    transactions.executeWrite(
        status -> {
          Connection c = status.getConnection();
          try (var ps =
              c.prepareStatement(
                  """
          insert into bench_events (id, account_id, type, contact_id, occurred_at, data, source)
          values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) on conflict do nothing""")) {
            int n = 0;
            for (JsonNode e : events) {
              ps.setString(1, e.get("id").asText() + "-raw");
              ps.setString(2, account);
              ps.setString(3, e.get("type").asText());
              ps.setString(4, e.get("contactId").asText());
              ps.setTimestamp(5, Timestamp.from(Instant.now()));
              ps.setString(6, e.get("data").toString());
              ps.setString(7, "{\"via\":\"ingest\"}");
              ps.addBatch();
              if (++n % 500 == 0) {
                ps.executeBatch();
              }
            }
            ps.executeBatch();
          }
          return null;
        });
    return System.nanoTime() - started;
  }

  void publishListeners(int from, int to) {
    for (int i = from; i < to; i++) {
      var map =
          MapJson.parse(
                  """
          {"key": "listener-%d", "start": "tag", "triggers": [{"event": "custom.type%d"}],
           "steps": [{"id": "tag", "type": "add_tags", "tags": ["x"]}]}"""
                      .formatted(i, i))
              .map();
      catalog.saveDraft(account, map, null);
      catalog.publish(account, map.key());
    }
    index.clear();
  }

  @Test
  void ingestionThroughputAndCostPerEventAsAutomationsGrow() {
    account = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(account, "Benchmark", null));
    for (int i = 0; i < CONTACTS; i++) {
      contactIds.add(
          contacts
              .create(
                  account,
                  new ContactDirectory.NewContact(
                      "bench" + i + "@example.com",
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null))
              .contact()
              .id());
    }
    ingest(events("warmup")); // JIT, pools, caches
    rawInsert(events("warmup"));

    long raw = rawInsert(events("raw"));
    publishListeners(0, 1);
    long withOne = ingest(events("one"));
    publishListeners(1, 1000);
    index.of(account); // built once, as on the first event after a publish
    long withThousand = ingest(events("thousand"));

    double perSecondRaw = EVENTS / (raw / 1e9);
    double perSecondOne = EVENTS / (withOne / 1e9);
    System.out.printf(
        """
        ingestion benchmark (%d events, %d contacts):
          raw batched INSERT           %8.0f events/s
          ingest, 1 automation         %8.0f events/s  (%.1fx the raw insert's time), %.0f us/event
          ingest, 1,000 automations    %8.0f events/s, %.0f us/event  (ratio to 1 automation: %.2f)
        """,
        EVENTS,
        CONTACTS,
        perSecondRaw,
        perSecondOne,
        withOne / (double) raw,
        withOne / 1e3 / EVENTS,
        EVENTS / (withThousand / 1e9),
        withThousand / 1e3 / EVENTS,
        withThousand / (double) withOne);
    assertThat(withThousand)
        .as("indexed by type: 1,000 automations of other types cost little more")
        .isLessThan(withOne * 3);
  }
}
