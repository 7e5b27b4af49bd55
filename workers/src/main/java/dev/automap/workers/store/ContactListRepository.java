package dev.automap.workers.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ContactListRepository extends CrudRepository<ContactList, String> {

  Optional<ContactList> findByAccountIdAndName(String accountId, String name);

  /** Creates the list unless the account has one of that name; 0 when it had. */
  @Query(
      "insert into lists (id, account_id, name) values (:id, :accountId, :name) on conflict (account_id, name) do nothing")
  int insertIfAbsent(String id, String accountId, String name);

  /** 1 when the contact joined, 0 when it was a member. */
  @Query(
      "insert into list_members (list_id, contact_id) values (:listId, :contactId) on conflict do nothing")
  int addMember(String listId, String contactId);

  /** 1 when the contact was a member, 0 when not. */
  @Query("delete from list_members where list_id = :listId and contact_id = :contactId")
  int removeMember(String listId, String contactId);

  @Query(
      """
      select l.name from lists l join list_members m on m.list_id = l.id
      where l.account_id = :accountId and m.contact_id = :contactId order by l.name""")
  List<String> namesOf(String accountId, String contactId);
}
