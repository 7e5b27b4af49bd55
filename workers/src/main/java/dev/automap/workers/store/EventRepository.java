package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/**
 * Stored events and their routing rows ({@code event_outbox}): read, claimed, forgotten. Events are
 * stored, each with its routing row, by one statement in {@code EventLog.recordChecked} alone.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EventRepository extends GenericRepository<EventRecord, String> {

  Optional<EventRecord> findByAccountIdAndId(String accountId, String id);

  @Query(
      """
      select * from events where account_id = :accountId and contact_id = :contactId
      order by occurred_at desc, created_at desc limit :limit""")
  List<EventRecord> latestOf(String accountId, String contactId, int limit);

  /** Forgets an ingested event whose routing failed, so sending it again routes it. */
  @Query(
      """
      with queued as (delete from event_outbox where account_id = :accountId and id = :id),
      gone as (delete from events where account_id = :accountId and id = :id returning id)
      select count(*)::int from gone""")
  int forget(String accountId, String id);

  /**
   * Events never routed whose routing time has passed (the process that stored or claimed them
   * stopped, or routing them failed), oldest first.
   */
  @Query(
      """
      select e.* from event_outbox o join events e on e.account_id = o.account_id and e.id = o.id
      where coalesce(o.routing_until, o.created_at + interval '30 seconds') < now()
      order by o.created_at limit :limit""")
  List<EventRecord> unrouted(int limit);

  /**
   * Claims an unrouted event whose routing time has passed, for {@code seconds}: 1 when this caller
   * now routes it, 0 when it was routed or claimed meanwhile.
   */
  @Query(
      """
      update event_outbox set routing_until = now() + make_interval(secs => :seconds)
      where account_id = :accountId and id = :id
      and coalesce(routing_until, created_at + interval '30 seconds') < now()""")
  int claim(String accountId, String id, int seconds);

  /**
   * Takes an event this process stored for routing, for {@code seconds}: 1 when it is still
   * unrouted and nobody claimed it meanwhile (its storer's time ran out and another process took
   * it), 0 otherwise.
   */
  @Query(
      """
      update event_outbox set routing_until = now() + make_interval(secs => :seconds)
      where account_id = :accountId and id = :id and routing_until is null""")
  int take(String accountId, String id, int seconds);

  /** The stored event with this id, routed or not. */
  @Query("select * from events where account_id = :accountId and id = :id")
  Optional<EventRecord> find(String accountId, String id);
}
