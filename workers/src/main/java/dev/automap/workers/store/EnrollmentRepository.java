package dev.automap.workers.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrollmentRepository extends CrudRepository<Enrollment, String> {

  boolean existsByWorkflowId(String workflowId);
}
