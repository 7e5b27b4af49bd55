package dev.automap.workers.store;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface PipelineRepository extends CrudRepository<Pipeline, String> {

  Optional<Pipeline> findByAccountIdAndName(String accountId, String name);

  List<Pipeline> findByAccountIdOrderByName(String accountId);
}
