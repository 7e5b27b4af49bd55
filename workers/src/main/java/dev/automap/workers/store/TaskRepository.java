package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TaskRepository extends CrudRepository<Task, String> {

  @Query(
      "select * from tasks where account_id = :accountId and contact_id = :contactId order by created_at desc limit :limit")
  List<Task> latest(String accountId, String contactId, int limit);
}
