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

  /** Those of {@code ids} that are contacts of the account. */
  List<Contact> findByAccountIdAndIdIn(String accountId, java.util.Collection<String> ids);

  /** Which of {@code ids} are contacts of the account. */
  List<String> findIdByAccountIdAndIdIn(String accountId, java.util.Collection<String> ids);

  /**
   * The contact, locked until the transaction ends, so concurrent changes apply one after the
   * other.
   */
  @Query("select * from contacts where id = :id and account_id = :accountId for update")
  Optional<Contact> lockById(String id, String accountId);

  /** By email, ignoring case and surrounding blanks (the unique index's expression). */
  @Query(
      "select * from contacts where account_id = :accountId and lower(email) = lower(trim(:email))")
  Optional<Contact> findByEmailIgnoringCase(String accountId, String email);

  /** By phone as stored: normalised (see {@code Phones}). */
  @Query(
      "select * from contacts where account_id = :accountId and phone = :phone order by created_at limit 1")
  Optional<Contact> findFirstByPhone(String accountId, String phone);

  /** By a custom field's value, compared as text. */
  @Query(
      """
      select * from contacts where account_id = :accountId and fields ->> :field = :value
      order by created_at limit 1""")
  Optional<Contact> findFirstByField(String accountId, String field, String value);

  /**
   * A page of the account's contacts, newest first: after the contact at ({@code afterCreatedAt},
   * {@code afterId}) when a cursor is given.
   */
  @Query(
      """
      select * from contacts where account_id = :accountId
      and (cast(:afterCreatedAt as timestamptz) is null or created_at < :afterCreatedAt
        or (created_at = :afterCreatedAt and id > :afterId))
      order by created_at desc, id limit :limit""")
  List<Contact> pageOf(
      String accountId,
      @io.micronaut.core.annotation.Nullable java.time.Instant afterCreatedAt,
      String afterId,
      int limit);

  @Query("delete from contacts where id = :id and account_id = :accountId")
  int deleteInAccount(String id, String accountId);

  @Query("select tag from contact_tags where contact_id = :contactId order by tag")
  List<String> findTags(String contactId);

  /** 1 when the tag was new, 0 when the contact had it. */
  @Query(
      "insert into contact_tags (contact_id, tag) values (:contactId, :tag) on conflict do nothing")
  int insertTag(String contactId, String tag);

  /** 1 when the contact had the tag, 0 when it did not. */
  @Query("delete from contact_tags where contact_id = :contactId and tag = :tag")
  int deleteTag(String contactId, String tag);

  @Query("select user_id from contact_followers where contact_id = :contactId order by user_id")
  List<String> findFollowers(String contactId);

  /** 1 when the user was not following yet. */
  @Query(
      "insert into contact_followers (contact_id, user_id) values (:contactId, :userId) on conflict do nothing")
  int insertFollower(String contactId, String userId);

  /** 1 when the user was following. */
  @Query("delete from contact_followers where contact_id = :contactId and user_id = :userId")
  int deleteFollower(String contactId, String userId);
}
