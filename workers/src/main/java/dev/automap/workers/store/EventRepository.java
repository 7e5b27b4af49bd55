package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EventRepository extends GenericRepository<EventRecord, String> {

  /** 1 when stored, 0 when the account already had an event with that id. */
  @Query(
      """
      insert into events (id, account_id, type, contact_id, occurred_at, data, source)
      values (:id, :accountId, :type, :contactId, :occurredAt, cast(:data as jsonb), cast(:source as jsonb))
      on conflict (account_id, id) do nothing""")
  int insert(
      String id,
      String accountId,
      String type,
      @Nullable String contactId,
      Instant occurredAt,
      String data,
      String source);

  Optional<EventRecord> findByAccountIdAndId(String accountId, String id);

  @Query(
      """
      select * from events where account_id = :accountId and contact_id = :contactId
      order by occurred_at desc, created_at desc limit :limit""")
  List<EventRecord> latestOf(String accountId, String contactId, int limit);

  /** Forgets an ingested event whose routing failed, so sending it again routes it. */
  @Query("delete from events where account_id = :accountId and id = :id")
  int forget(String accountId, String id);

  /** Records that the event has been routed. */
  @Query(
      "update events set routed_at = now() where account_id = :accountId and id = :id and routed_at is null")
  int markRouted(String accountId, String id);

  /**
   * Events never routed whose routing time has passed (the process that stored or claimed them
   * stopped, or routing them failed), oldest first.
   */
  @Query(
      """
      select * from events where routed_at is null
      and coalesce(routing_until, created_at + interval '30 seconds') < now()
      order by created_at limit :limit""")
  List<EventRecord> unrouted(int limit);

  /**
   * Claims an unrouted event whose routing time has passed, for {@code seconds}: 1 when this caller
   * now routes it, 0 when it was routed or claimed meanwhile.
   */
  @Query(
      """
      update events set routing_until = now() + make_interval(secs => :seconds)
      where account_id = :accountId and id = :id and routed_at is null
      and coalesce(routing_until, created_at + interval '30 seconds') < now()""")
  int claim(String accountId, String id, int seconds);

  /**
   * Takes an event this process stored for routing, for {@code seconds}: 1 when it is still
   * unrouted and nobody claimed it meanwhile (its storer's time ran out and another process took
   * it), 0 otherwise.
   */
  @Query(
      """
      update events set routing_until = now() + make_interval(secs => :seconds)
      where account_id = :accountId and id = :id and routed_at is null and routing_until is null""")
  int take(String accountId, String id, int seconds);

  /** The stored event with this id, routed or not. */
  @Query("select * from events where account_id = :accountId and id = :id")
  java.util.Optional<EventRecord> find(String accountId, String id);
}
