package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TaskRepository extends CrudRepository<Task, String> {

  @Query(
      "select * from tasks where account_id = :accountId and contact_id = :contactId order by created_at desc limit :limit")
  List<Task> latest(String accountId, String contactId, int limit);

  Optional<Task> findByIdAndAccountId(String id, String accountId);

  /** The account's tasks, newest first; a null filter leaves that column alone. */
  @Query(
      """
      select * from tasks where account_id = :accountId
      and (cast(:assigneeId as text) is null or assignee_id = :assigneeId)
      and (cast(:status as text) is null or status = :status)
      and (cast(:contactId as text) is null or contact_id = :contactId)
      order by created_at desc, id desc limit :limit offset :offset""")
  List<Task> pageOf(
      String accountId,
      @Nullable String assigneeId,
      @Nullable String status,
      @Nullable String contactId,
      int limit,
      int offset);

  /** Completes an open task; 0 when it is completed already (or is no task of the account). */
  @Query(
      """
      update tasks set status = 'completed', completed_at = now()
      where id = :id and account_id = :accountId and status = 'open'""")
  int complete(String accountId, String id);
}
