package dev.automap.workers.triggers;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ActiveTriggerRepository extends CrudRepository<ActiveTrigger, String> {

  List<ActiveTrigger> findByAccountIdAndAutomationKeyOrderByTriggerIndex(
      String accountId, String automationKey);

  List<ActiveTrigger> findByAccountIdAndKind(String accountId, String kind);
}
