package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface StepLogRepository extends GenericRepository<StepLogEntry, Long> {

  /** 1 when recorded, 0 when the key was recorded already. */
  @Query(
      """
      insert into step_log (idempotency_key, account_id, contact_id, workflow_id, automation_key, step_id, type, outcome, detail, at)
      values (:key, :accountId, :contactId, :workflowId, :automationKey, :stepId, :type, :outcome, :detail, :at)
      on conflict (idempotency_key) do nothing""")
  int insert(
      String key,
      String accountId,
      @Nullable String contactId,
      String workflowId,
      @Nullable String automationKey,
      String stepId,
      String type,
      String outcome,
      @Nullable String detail,
      Instant at);

  @Query(
      """
      select * from step_log where account_id = :accountId and contact_id = :contactId
      order by at desc, id desc limit :limit""")
  List<StepLogEntry> latestOf(String accountId, String contactId, int limit);

  @Query("select * from step_log where idempotency_key = :key")
  List<StepLogEntry> byKey(String key);
}
