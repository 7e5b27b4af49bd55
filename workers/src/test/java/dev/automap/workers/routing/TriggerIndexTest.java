package dev.automap.workers.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.workers.TestStack;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The triggers an event is routed by follow a publish as soon as it is committed. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerIndexTest implements TestPropertyProvider {
  @Inject TriggerIndex index;
  @Inject AutomationCatalog catalog;
  @Inject AccountRepository accounts;
  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    return TestStack.full();
  }

  @Test
  void anIndexBuiltWhileAPublishIsUnderWayIsNotKeptOnceItCommits() {
    String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    accounts.save(new Account(account, "Index", null));
    catalog.saveDraft(
        account,
        MapJson.parse(
                """
                key: pricing
                triggers: [{event: visit.pricing}]
                start: tag
                steps: [{id: tag, type: add_tags, tags: [seen-pricing]}]
                """)
            .map(),
        null);
    assertThat(index.of(account).forType("visit.pricing")).as("a draft").isEmpty();

    transactions.executeWrite(
        status -> {
          catalog.publish(account, "pricing");
          // an event routed meanwhile reads what was committed before the publish
          var during = CompletableFuture.supplyAsync(() -> index.of(account)).join();
          assertThat(during.forType("visit.pricing")).as("before the commit").isEmpty();
          return null;
        });

    assertThat(index.of(account).forType("visit.pricing"))
        .as("right after the commit")
        .extracting(TriggerIndex.EventEntry::key)
        .containsExactly("pricing");
  }
}
