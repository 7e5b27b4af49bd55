package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrollmentRepository extends CrudRepository<Enrollment, String> {

  boolean existsByWorkflowId(String workflowId);

  @Query("""
      select * from enrollments where account_id = :accountId and contact_id = :contactId
      order by started_at desc limit :limit""")
  List<Enrollment> latestOf(String accountId, String contactId, int limit);
}
