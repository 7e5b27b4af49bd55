package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContactRepository extends CrudRepository<Contact, String> {

  Optional<Contact> findByIdAndAccountId(String id, String accountId);

  @Query("select tag from contact_tags where contact_id = :contactId order by tag")
  List<String> findTags(String contactId);

  /** 1 when the tag was new, 0 when the contact had it. */
  @Query("insert into contact_tags (contact_id, tag) values (:contactId, :tag) on conflict do nothing")
  int insertTag(String contactId, String tag);

  /** 1 when the contact had the tag, 0 when it did not. */
  @Query("delete from contact_tags where contact_id = :contactId and tag = :tag")
  int deleteTag(String contactId, String tag);
}
