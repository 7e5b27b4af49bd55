package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends CrudRepository<User, String> {

  Optional<User> findByIdAndAccountId(String id, String accountId);

  List<User> findByAccountIdOrderByName(String accountId);

  @Query("select id from users where account_id = :accountId and id in (:ids)")
  List<String> findExistingIds(String accountId, Collection<String> ids);

  /**
   * Counts one more turn of a round-robin step; call {@link #rotationTurns} after it in the same
   * transaction.
   */
  @Query(
      """
      insert into owner_rotations (account_id, automation_key, step_id, turns) values (:accountId, :automationKey, :stepId, 1)
      on conflict (account_id, automation_key, step_id)
      do update set turns = owner_rotations.turns + 1, updated_at = now()""")
  int advanceRotation(String accountId, String automationKey, String stepId);

  @Query(
      "select turns from owner_rotations where account_id = :accountId and automation_key = :automationKey and step_id = :stepId")
  long rotationTurns(String accountId, String automationKey, String stepId);
}
