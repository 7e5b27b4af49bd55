package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
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

  /**
   * Creates the automation with no version yet unless the account has one with this key: two first
   * saves at once make one row (the second waits for the first and then does nothing).
   *
   * @return 1 when created, 0 when it existed
   */
  @Query(
      """
      insert into automations (account_id, key, name, status, latest_version)
      values (:accountId, :key, :name, :status, 0)
      on conflict (account_id, key) do nothing""")
  int insertIfAbsent(String accountId, String key, @Nullable String name, String status);

  List<Automation> findByAccountIdOrderByKey(String accountId);
}
