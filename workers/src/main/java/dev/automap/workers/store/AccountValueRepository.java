package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** Queries only: the table's key is (account, name), which the entity cannot say. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountValueRepository extends GenericRepository<AccountValue, String> {

  @Query("select * from account_values where account_id = :accountId order by name")
  List<AccountValue> all(String accountId);

  @Query("select * from account_values where account_id = :accountId and name = :name for update")
  Optional<AccountValue> lockOf(String accountId, String name);

  @Query(
      """
      insert into account_values (account_id, name, value) values (:accountId, :name, :value)
      on conflict (account_id, name) do update set value = excluded.value, updated_at = now()""")
  int put(String accountId, String name, String value);
}
