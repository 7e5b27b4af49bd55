package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrollmentRepository extends CrudRepository<Enrollment, String> {

  boolean existsByWorkflowId(String workflowId);

  /** Records how the live run of this workflow ID ended; 0 when none is live (a repeat). */
  @Query("""
      update enrollments set state = :state, ended_at = :endedAt, reason = :reason
      where workflow_id = :workflowId and state = 'running'""")
  int finish(String workflowId, String state, Instant endedAt, @Nullable String reason);

  @Query("""
      select * from enrollments where account_id = :accountId and contact_id = :contactId
      order by started_at desc limit :limit""")
  List<Enrollment> latestOf(String accountId, String contactId, int limit);
}
