package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MessageRepository extends CrudRepository<Message, String> {

  @Query(
      """
      select * from messages where account_id = :accountId and contact_id = :contactId
      order by created_at desc, id desc limit :limit""")
  List<Message> latestOf(String accountId, String contactId, int limit);

  /** The messages of one action: its key, and {@code <key>#<n>} when it wrote several. */
  @Query(
      """
      select * from messages where idempotency_key = :key or left(idempotency_key, length(:key) + 1) = :key || '#'
      order by idempotency_key""")
  List<Message> ofAction(String key);

  @Query("update messages set status = :status, reason = :reason, sent_at = :sentAt where id = :id")
  int mark(String id, String status, @Nullable String reason, @Nullable Instant sentAt);

  /** Keeps what an email to a contact carries back: its unsubscribe link; once per message. */
  @Query(
      """
      insert into message_tracking (message_id, unsubscribe_url, tracked)
      values (:messageId, :unsubscribeUrl, :tracked) on conflict (message_id) do nothing""")
  int keepTracking(String messageId, String unsubscribeUrl, boolean tracked);

  /** The unsubscribe link of an email to a contact; absent for other messages. */
  @Query("select unsubscribe_url from message_tracking where message_id = :messageId")
  Optional<String> unsubscribeUrlOf(String messageId);

  /**
   * Notes an open: 1 when it counts, 0 when the message was seen opened less than a minute before
   * (or carries no tracking).
   */
  @Query(
      """
      update message_tracking set last_open_at = :at
      where message_id = :messageId
        and (last_open_at is null or last_open_at <= cast(:at as timestamptz) - interval '1 minute')""")
  int noteOpen(String messageId, Instant at);
}
