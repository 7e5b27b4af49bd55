package dev.automap.workers.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.definitions.model.AddTagsStep;
import dev.automap.workers.actions.ActionTestSupport;
import dev.automap.workers.contacts.ContactChanges;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLogTest extends ActionTestSupport {
  @Inject EventLog log;
  @Inject ContactChanges changes;
  @Inject RecordingEventSink sink;
  @Inject TransactionOperations<Connection> tx;

  @Test
  void sinksHearAnEventOnlyOnceItsChangeHasCommitted() {
    String id = newContact("Ada");
    int heardBefore = sink.about(id).size();

    tx.executeWrite(
        status -> {
          changes.addTags(ACCOUNT, id, List.of("vip"), EventSource.api());
          assertThat(sink.about(id)).hasSize(heardBefore);
          return null;
        });

    assertThat(sink.about(id)).hasSize(heardBefore + 1);
    RaisedEvent raised = sink.about(id).getLast();
    assertThat(raised.accountId()).isEqualTo(ACCOUNT);
    assertThat(raised.event().type()).isEqualTo("contact.tag_added");
    assertThat(raised.event().id()).startsWith("evt_");
    assertThat(raised.event().asMap())
        .containsKeys("id", "type", "contactId", "occurredAt", "data");
    assertThat(raised.source()).isEqualTo(EventSource.api());
  }

  @Test
  void aChangeThatRollsBackRaisesNothing() {
    String id = newContact("Ada");
    int heardBefore = sink.about(id).size();
    int storedBefore = eventsOf(id).size();

    assertThatThrownBy(
            () ->
                tx.executeWrite(
                    status -> {
                      changes.addTags(ACCOUNT, id, List.of("doomed"), EventSource.api());
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(sink.about(id)).hasSize(heardBefore);
    assertThat(eventsOf(id)).hasSize(storedBefore);
    assertThat(contacts.get(ACCOUNT, id).tags()).doesNotContain("doomed");
  }

  @Test
  void actionsAndTheApiRaiseTheSameEventNamingTheirCause() {
    String id = newContact("Ada");
    perform(request(id, "tag"), new AddTagsStep("tag", null, List.of("from-map"), null, null));
    changes.addTags(ACCOUNT, id, List.of("from-api"), EventSource.api());

    var tagged =
        sink.about(id).stream().filter(r -> r.event().type().equals("contact.tag_added")).toList();
    assertThat(tagged)
        .extracting(r -> r.event().data().get("tag") + " via " + r.source().via())
        .containsExactly("from-map via automation", "from-api via api");
    assertThat(tagged.getFirst().source().workflowId()).isEqualTo(ACCOUNT + ":test-map:" + id);
    assertThat(tagged.getFirst().source().stepId()).isEqualTo("tag");
  }

  @Test
  void anEventWithAGivenIdIsStoredOnce() {
    String id = newContact("Ada");
    var event =
        new ContactEvent(
            "evt_form_" + id,
            "form.submitted",
            id,
            Instant.parse("2026-01-02T03:04:05Z"),
            Map.of("form", "Contact us"));

    assertThat(log.record(ACCOUNT, event, EventSource.api())).isTrue();
    assertThat(log.record(ACCOUNT, event, EventSource.api())).isFalse();

    assertThat(eventsOf(id))
        .filteredOn(e -> e.id().equals(event.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.occurredAt()).isEqualTo(event.occurredAt());
              assertThat(e.data()).containsEntry("form", "Contact us");
            });
    assertThat(sink.heard).filteredOn(r -> r.event().id().equals(event.id())).hasSize(1);
  }

  @Test
  void aCheckedBatchStoresOnlyEventsWhoseContactIsTheAccountsEachIdOnceInOneStatement() {
    String id = newContact("Ada");
    String prefix = "evt_checked_" + id;
    BiFunction<String, String, ContactEvent> event =
        (eventId, contactId) ->
            new ContactEvent(eventId, "page.viewed", contactId, Instant.now(), Map.of("n", 1));
    var batch =
        List.of(
            event.apply(prefix + "-1", id),
            event.apply(prefix + "-2", "c_nobody"),
            event.apply(prefix + "-1", id),
            event.apply(prefix + "-3", "c_unchecked"),
            event.apply(prefix + "-4", id));
    var recorded =
        log.recordChecked(
            ACCOUNT,
            batch,
            Collections.nCopies(batch.size(), EventSource.ingest()),
            List.of(true, true, true, false, true));

    assertThat(recorded.stored())
        .containsExactlyInAnyOrder(prefix + "-1", prefix + "-3", prefix + "-4");
    assertThat(recorded.missingContacts()).containsExactly("c_nobody");
    assertThat(eventsOf(id))
        .extracting(e -> e.id())
        .contains(prefix + "-1", prefix + "-4")
        .doesNotContain(prefix + "-2");
    assertThat(sink.heard)
        .filteredOn(r -> r.event().id().startsWith(prefix))
        .extracting(r -> r.event().id())
        .containsExactly(prefix + "-1", prefix + "-3", prefix + "-4");

    // again: every id is known now, nothing new; the missing contact is still named
    var again =
        log.recordChecked(
            ACCOUNT,
            batch,
            Collections.nCopies(batch.size(), EventSource.ingest()),
            List.of(true, true, true, false, true));
    assertThat(again.stored()).isEmpty();
    assertThat(again.missingContacts()).containsExactly("c_nobody");

    // in a transaction that rolls back, nothing is kept
    assertThatThrownBy(
            () ->
                tx.executeWrite(
                    status -> {
                      log.recordChecked(
                          ACCOUNT,
                          List.of(event.apply(prefix + "-5", id)),
                          List.of(EventSource.ingest()),
                          List.of(true));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(eventsOf(id)).extracting(e -> e.id()).doesNotContain(prefix + "-5");
  }

  @Test
  void aBatchStoredInATransactionIsHeardOnlyOnceItCommitsAndNeverWhenItRollsBack() {
    String id = newContact("Ada");
    String prefix = "evt_tx_" + id;
    Function<String, ContactEvent> event =
        eventId -> new ContactEvent(eventId, "page.viewed", id, Instant.now(), Map.of());

    tx.executeWrite(
        status -> {
          var recorded =
              log.recordChecked(
                  ACCOUNT,
                  List.of(event.apply(prefix + "-1"), event.apply(prefix + "-2")),
                  List.of(EventSource.ingest(), EventSource.ingest()),
                  List.of(true, false));
          assertThat(recorded.stored()).hasSize(2);
          assertThat(log.record(ACCOUNT, event.apply(prefix + "-3"), EventSource.api())).isTrue();
          assertThat(sink.heard).noneMatch(r -> r.event().id().startsWith(prefix));
          return null;
        });
    assertThat(sink.heard)
        .filteredOn(r -> r.event().id().startsWith(prefix))
        .extracting(r -> r.event().id())
        .containsExactly(prefix + "-1", prefix + "-2", prefix + "-3");

    assertThatThrownBy(
            () ->
                tx.executeWrite(
                    status -> {
                      log.recordChecked(
                          ACCOUNT,
                          List.of(event.apply(prefix + "-4")),
                          List.of(EventSource.ingest()),
                          List.of(true));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(sink.heard).noneMatch(r -> r.event().id().equals(prefix + "-4"));
    assertThat(eventsOf(id)).extracting(e -> e.id()).doesNotContain(prefix + "-4");
  }
}
