package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AppointmentRepository extends CrudRepository<Appointment, String> {

  @Query(
      "select * from appointments where id = :id and account_id = :accountId and contact_id = :contactId for update")
  Optional<Appointment> lockOf(String accountId, String contactId, String id);

  /** The contact's most recently booked appointment. */
  @Query(
      """
      select * from appointments where account_id = :accountId and contact_id = :contactId
      order by created_at desc, starts_at desc limit 1 for update""")
  Optional<Appointment> lockLatest(String accountId, String contactId);

  Optional<Appointment> findByIdAndAccountId(String id, String accountId);

  /** The account's appointments, latest start first; a null filter leaves that column alone. */
  @Query(
      """
      select * from appointments where account_id = :accountId
      and (cast(:contactId as text) is null or contact_id = :contactId)
      and (cast(:status as text) is null or status = :status)
      and (cast(:calendar as text) is null or calendar = :calendar)
      order by starts_at desc, id desc limit :limit offset :offset""")
  List<Appointment> pageOf(
      String accountId,
      @Nullable String contactId,
      @Nullable String status,
      @Nullable String calendar,
      int limit,
      int offset);
}
