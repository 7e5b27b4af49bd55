package dev.automap.workers.triggers;

import dev.automap.workers.store.Contact;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/**
 * An account's contact ids in pages, by id: a cursor that a contact added meanwhile cannot shift.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContactPages extends GenericRepository<Contact, String> {

  @Query(
      """
      select id from contacts where account_id = :accountId and id > :afterId
      order by id limit :limit""")
  List<String> idsAfter(String accountId, String afterId, int limit);
}
