package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AutomationRepository extends CrudRepository<Automation, Long> {

  Optional<Automation> findByAccountIdAndKey(String accountId, String key);

  /**
   * As {@link #findByAccountIdAndKey}, locking the row so concurrent saves number versions in turn.
   */
  @Query("select * from automations where account_id = :accountId and key = :key for update")
  Optional<Automation> lockByAccountIdAndKey(String accountId, String key);

  List<Automation> findByAccountIdOrderByKey(String accountId);
}
