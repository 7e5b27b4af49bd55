package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TeamRepository extends CrudRepository<Team, String> {

  Optional<Team> findByAccountIdAndName(String accountId, String name);

  List<Team> findByAccountIdOrderByName(String accountId);

  @Query(
      "insert into team_members (team_id, user_id) values (:teamId, :userId) on conflict do nothing")
  int addMember(String teamId, String userId);

  @Query(
      """
      select m.user_id from team_members m join teams t on t.id = m.team_id
      where t.account_id = :accountId and t.name = :name order by m.user_id""")
  List<String> memberIds(String accountId, String name);
}
