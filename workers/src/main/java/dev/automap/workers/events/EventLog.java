package dev.automap.workers.events;

import dev.automap.workers.metrics.EngineMetrics;
import dev.automap.workers.store.EventRecord;
import dev.automap.workers.store.EventRepository;
import dev.automap.workers.store.Ids;
import io.micronaut.context.BeanProvider;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path events leave the store by. A change and its event commit together (the event is
 * written in the caller's transaction); {@link EventSink}s hear it after the commit.
 */
@Singleton
public class EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

  private final EventRepository events;
  private final JsonMapper json;
  private final TransactionOperations<Connection> transactions;
  private final BeanProvider<EventSink> sinks;
  @Inject EngineMetrics metrics;
  @Inject ConnectionOperations<Connection> connections;

  public EventLog(
      EventRepository events,
      JsonMapper json,
      TransactionOperations<Connection> transactions,
      BeanProvider<EventSink> sinks) {
    this.events = events;
    this.json = json;
    this.transactions = transactions;
    this.sinks = sinks;
  }

  /**
   * Raises a new event about a contact (or, with a null contact, about the account).
   *
   * @param causedBy the step or API call that made the change
   * @return the event, with a new {@code evt_…} id and the current time
   */
  public ContactEvent raise(
      String accountId,
      String type,
      String contactId,
      Map<String, Object> data,
      EventSource causedBy) {
    ContactEvent event = new ContactEvent(Ids.next("evt"), type, contactId, Instant.now(), data);
    record(accountId, event, causedBy);
    return event;
  }

  /**
   * Stores an event that already has its id (one ingested from outside); a repeated id is ignored.
   *
   * @return true when the event was new
   */
  public boolean record(String accountId, ContactEvent event, EventSource causedBy) {
    return !recordChecked(accountId, List.of(event), List.of(causedBy), List.of(Boolean.FALSE))
        .stored()
        .isEmpty();
  }

  /**
   * Stores ingested events (each with its id) in one statement and one transaction; a repeated id,
   * stored before or earlier in the batch, is ignored. Their {@code created_at} follows the batch's
   * order, which is the order they are routed in when another process recovers them.
   *
   * @return the ids that were new
   */
  public Set<String> recordAll(String accountId, List<ContactEvent> batch, EventSource causedBy) {
    return recordAll(accountId, batch, Collections.nCopies(batch.size(), causedBy));
  }

  /**
   * As {@link #recordAll(String, List, EventSource)}, each event with its own cause ({@code
   * causedBy} in the batch's order).
   */
  public Set<String> recordAll(
      String accountId, List<ContactEvent> batch, List<EventSource> causedBy) {
    return recordChecked(
            accountId, batch, causedBy, Collections.nCopies(batch.size(), Boolean.FALSE))
        .stored();
  }

  /** What one {@link #recordChecked} statement did: the ids stored, the contacts not found. */
  public record Recorded(Set<String> stored, Set<String> missingContacts) {}

  /**
   * Stores ingested events as {@link #recordAll(String, List, List)} does, and checks in the same
   * statement that the contacts of the events marked in {@code checkContact} are the account's: an
   * event whose contact is not is not stored, and its contact is named in {@link
   * Recorded#missingContacts()}. One statement, one round trip: outside a transaction it is its own
   * transaction (stored durably once it returns); inside one it joins it. The statement every event
   * is stored by: each new one is queued for routing ({@code event_outbox}) by the same statement,
   * and {@link EventSink}s hear of it after the caller's commit.
   */
  public Recorded recordChecked(
      String accountId,
      List<ContactEvent> batch,
      List<EventSource> causedBy,
      List<Boolean> checkContact) {
    return recordChecked(accountId, batch, causedBy, checkContact, null);
  }

  /**
   * As {@link #recordChecked(String, List, List, List)}, with each event's {@code data} as the JSON
   * text it came in ({@code dataJson} in the batch's order; null, or a null entry: written from the
   * event's data), so that data parsed from a request is not written out a second time.
   */
  public Recorded recordChecked(
      String accountId,
      List<ContactEvent> batch,
      List<EventSource> causedBy,
      List<Boolean> checkContact,
      List<String> dataJson) {
    if (batch.isEmpty()) {
      return new Recorded(Set.of(), Set.of());
    }
    if (causedBy.size() != batch.size()
        || checkContact.size() != batch.size()
        || (dataJson != null && dataJson.size() != batch.size())) {
      throw new IllegalArgumentException(
          batch.size() + " events but " + causedBy.size() + " causes");
    }
    int n = batch.size();
    String[] ids = new String[n];
    String[] types = new String[n];
    String[] contactIds = new String[n];
    Timestamp[] times = new Timestamp[n];
    String[] data = new String[n];
    String[] sources = new String[n];
    Boolean[] checked = new Boolean[n];
    EventSource lastCause = null;
    String lastSource = null;
    for (int i = 0; i < n; i++) {
      EventSource cause = causedBy.get(i);
      if (!cause.equals(lastCause)) {
        lastCause = cause;
        lastSource = write(cause.asMap());
      }
      sources[i] = lastSource;
      ContactEvent e = batch.get(i);
      ids[i] = e.id();
      types[i] = e.type();
      contactIds[i] = e.contactId();
      times[i] = Timestamp.from(e.occurredAt());
      String text = dataJson == null ? null : dataJson.get(i);
      data[i] = text != null ? text : write(e.data());
      checked[i] = checkContact.get(i) && e.contactId() != null;
    }
    Recorded recorded =
        connections.executeWrite(
            status -> {
              Connection c = status.getConnection();
              try (var ps =
                  c.prepareStatement(
                      """
                      with e as (
                        select * from unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[],
                          ?::text[], ?::text[], ?::boolean[])
                          with ordinality as e(id, type, contact_id, occurred_at, data, source,
                            checked, n)),
                      missing as (
                        select distinct e.contact_id from e
                        where e.checked and not exists (
                          select 1 from contacts k where k.id = e.contact_id and k.account_id = ?)),
                      stored as (
                        insert into events
                          (id, account_id, type, contact_id, occurred_at, data, source, created_at)
                        select e.id, ?, e.type, e.contact_id, e.occurred_at, e.data::jsonb,
                          e.source::jsonb, now() + e.n * interval '1 microsecond'
                        from e
                        where not (e.checked and e.contact_id in (select contact_id from missing))
                        order by e.n
                        on conflict (account_id, id) do nothing
                        returning id, account_id, created_at),
                      queued as (
                        insert into event_outbox (account_id, id, created_at)
                        select account_id, id, created_at from stored)
                      select true, id from stored
                      union all select false, contact_id from missing""")) {
                ps.setArray(1, c.createArrayOf("text", ids));
                ps.setArray(2, c.createArrayOf("text", types));
                ps.setArray(3, c.createArrayOf("text", contactIds));
                ps.setArray(4, c.createArrayOf("timestamptz", times));
                ps.setArray(5, c.createArrayOf("text", data));
                ps.setArray(6, c.createArrayOf("text", sources));
                ps.setArray(7, c.createArrayOf("boolean", checked));
                ps.setString(8, accountId);
                ps.setString(9, accountId);
                Set<String> inserted = new HashSet<>();
                Set<String> missing = new HashSet<>();
                try (var rs = ps.executeQuery()) {
                  while (rs.next()) {
                    (rs.getBoolean(1) ? inserted : missing).add(rs.getString(2));
                  }
                }
                return new Recorded(inserted, missing);
              } catch (SQLException e) {
                throw new IllegalStateException("events not stored: " + e.getMessage(), e);
              }
            });
    Set<String> delivered = new HashSet<>();
    List<RaisedEvent> raised = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ContactEvent e = batch.get(i);
      if (recorded.stored().contains(e.id()) && delivered.add(e.id())) {
        if (metrics != null) {
          metrics.eventIngested(causedBy.get(i).via());
        }
        raised.add(new RaisedEvent(accountId, e, causedBy.get(i)));
      }
    }
    if (!raised.isEmpty()) {
      afterCommit(raised);
    }
    return recorded;
  }

  /**
   * Takes back an ingested event whose routing failed, so that the sender's retry with the same id
   * is routed instead of being ignored as a repeat.
   */
  public void forget(String accountId, String eventId) {
    events.forget(accountId, eventId);
  }

  /** The stored event with this id. */
  public Optional<EventRecord> find(String accountId, String eventId) {
    return events.findByAccountIdAndId(accountId, eventId);
  }

  /** The contact's latest events, newest first. */
  public List<EventRecord> latestOf(String accountId, String contactId, int limit) {
    return events.latestOf(accountId, contactId, limit);
  }

  /**
   * Tells the sinks of the events once the caller's transaction commits (never when it rolls back);
   * at once when there is none, the statement that stored them having been its own.
   */
  private void afterCommit(List<RaisedEvent> raised) {
    transactions
        .findTransactionStatus()
        .ifPresentOrElse(
            status ->
                status.registerSynchronization(
                    new TransactionSynchronization() {
                      @Override
                      public void afterCommit() {
                        deliver(raised);
                      }
                    }),
            () -> deliver(raised));
  }

  private void deliver(List<RaisedEvent> raised) {
    List<EventSink> listening = sinks.stream().toList();
    raised.forEach(r -> deliver(listening, r));
  }

  private static void deliver(List<EventSink> listening, RaisedEvent raised) {
    listening.forEach(
        sink -> {
          try {
            sink.onRaised(raised);
          } catch (RuntimeException e) {
            LOG.warn(
                "Event sink {} failed on {} {}",
                sink.getClass().getSimpleName(),
                raised.event().type(),
                raised.event().id(),
                e);
          }
        });
  }

  private String write(Map<String, Object> map) {
    try {
      return json.writeValueAsString(map == null ? Map.of() : map);
    } catch (IOException e) {
      throw new UncheckedIOException("event data is not JSON", e);
    }
  }
}
