package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OpportunityRepository extends CrudRepository<Opportunity, String> {

  @Query(
      """
      select * from opportunities where account_id = :accountId and contact_id = :contactId
      and pipeline_id = :pipelineId for update""")
  Optional<Opportunity> lockOf(String accountId, String contactId, String pipelineId);

  List<Opportunity> findByAccountIdAndContactId(String accountId, String contactId);
}
