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

  /** Keeps the provider's own id of a sent message (Twilio's MessageSid). */
  @Query("update messages set provider_id = :providerId where id = :id")
  int setProviderId(String id, String providerId);

  @Query("select * from messages where provider_id = :providerId")
  java.util.Optional<Message> findByProviderId(String providerId);

  @Query("select * from messages where account_id = :accountId and id = :id")
  java.util.Optional<Message> findInAccount(String accountId, String id);

  /** The latest message that left for this address on a channel: a reply from it belongs to it. */
  @Query(
      """
      select * from messages where channel = :channel and to_address = :to
      and status in ('sent', 'delivered', 'failed') and workflow_id is not null
      order by created_at desc, id desc limit 1""")
  java.util.Optional<Message> latestSentTo(String channel, String to);

  /**
   * How many messages of the channel the contact was sent (or would have been: captured) since
   * then: what a frequency cap counts. Notifications to users are not the contact's.
   */
  @Query(
      """
      select count(*) from messages m where m.account_id = :accountId
      and m.contact_id = :contactId and m.channel = :channel and m.created_at >= :since
      and m.status in ('captured', 'queued', 'sent', 'delivered')
      and not exists (select 1 from action_ledger l
        where l.idempotency_key = split_part(m.idempotency_key, '#', 1) and l.action = 'notify')""")
  long countSentSince(String accountId, String contactId, String channel, Instant since);

  /** A user's in-app notifications, newest first. */
  @Query(
      """
      select * from messages where account_id = :accountId and channel = 'in_app'
      and to_address = :userId order by created_at desc, id desc limit :limit""")
  List<Message> notificationsOf(String accountId, String userId, int limit);

  @Query("select provider_id from messages where id = :id and provider_id is not null")
  java.util.Optional<String> providerIdOf(String id);
}
