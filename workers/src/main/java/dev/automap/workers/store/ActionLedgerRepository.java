package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** The ledger of applied action keys. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ActionLedgerRepository extends GenericRepository<LedgerEntry, String> {

  /** 1 when the key is new and now claimed; 0 when an earlier attempt already applied it. */
  @Query(
      """
      insert into action_ledger (idempotency_key, account_id, contact_id, action)
      values (:key, :accountId, :contactId, :action) on conflict do nothing""")
  int claim(String key, String accountId, @Nullable String contactId, String action);

  @Query("select count(*) from action_ledger where idempotency_key = :key")
  long countByKey(String key);

  /** Keeps what the action answered, for a retry to answer the same. */
  @Query("update action_ledger set result = cast(:result as jsonb) where idempotency_key = :key")
  int saveResult(String key, String result);

  @Query("select * from action_ledger where idempotency_key = :key")
  Optional<LedgerEntry> find(String key);
}
