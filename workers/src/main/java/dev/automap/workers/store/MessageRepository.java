package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

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
}
