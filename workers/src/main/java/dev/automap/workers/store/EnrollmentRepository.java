package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface EnrollmentRepository extends CrudRepository<Enrollment, String> {

  boolean existsByWorkflowId(String workflowId);

  /** Records how the live run of this workflow ID ended; 0 when none is live (a repeat). */
  @Query(
      """
      update enrollments set state = :state, ended_at = :endedAt, reason = :reason
      where workflow_id = :workflowId and state = 'running'""")
  int finish(String workflowId, String state, Instant endedAt, @Nullable String reason);

  @Query(
      """
      select * from enrollments where account_id = :accountId and contact_id = :contactId
      order by started_at desc limit :limit""")
  List<Enrollment> latestOf(String accountId, String contactId, int limit);

  @Query(
      """
      select * from enrollments where account_id = :accountId and contact_id = :contactId and state = 'running'""")
  List<Enrollment> runningOf(String accountId, String contactId);

  /** The running enrollments of several contacts of the account, in one query. */
  @Query(
      """
      select * from enrollments where account_id = :accountId and contact_id in (:contactIds) and state = 'running'""")
  List<Enrollment> runningOfAll(String accountId, java.util.Collection<String> contactIds);

  @Query(
      """
      select * from enrollments where account_id = :accountId and automation_key = :automationKey and state = 'running'
      and workflow_id > :after order by workflow_id limit :limit""")
  List<Enrollment> runningIn(String accountId, String automationKey, String after, int limit);

  boolean existsByWorkflowIdAndState(String workflowId, String state);

  @Query("select count(*) from enrollments where workflow_id = :workflowId and started_at > :since")
  long countStartedSince(String workflowId, Instant since);

  @Query(
      """
      insert into segment_members (account_id, automation_key, contact_id) values (:accountId, :automationKey, :contactId)
      on conflict do nothing""")
  int joinSegment(String accountId, String automationKey, String contactId);

  @Query(
      "delete from segment_members where account_id = :accountId and automation_key = :automationKey and contact_id = :contactId")
  int leaveSegment(String accountId, String automationKey, String contactId);

  List<Enrollment> findByState(String state);

  /**
   * A page of the automation's runs, newest first: with {@code state} those in it, with {@code
   * step} the live ones now on that step; after the run at ({@code afterStartedAt}, {@code
   * afterWorkflowId}) when a cursor is given.
   */
  @Query(
      """
      select e.* from enrollments e where e.account_id = :accountId and e.automation_key = :automationKey
      and (cast(:state as text) is null or e.state = :state)
      and (cast(:step as text) is null or (e.state = 'running' and exists (
        select 1 from run_positions p where p.workflow_id = e.workflow_id and p.step_id = :step)))
      and (cast(:afterStartedAt as timestamptz) is null or e.started_at < :afterStartedAt
        or (e.started_at = :afterStartedAt and e.workflow_id > :afterWorkflowId))
      order by e.started_at desc, e.workflow_id limit :limit""")
  List<Enrollment> pageOf(
      String accountId,
      String automationKey,
      @Nullable String state,
      @Nullable String step,
      @Nullable Instant afterStartedAt,
      String afterWorkflowId,
      int limit);

  @Query(
      """
      select * from enrollments where workflow_id = :workflowId order by started_at desc limit 1""")
  java.util.Optional<Enrollment> latestRun(String workflowId);

  /** Rows still called running, started before {@code before}, a page in workflow ID order. */
  @Query(
      """
      select * from enrollments where state = 'running' and started_at < :before
      and workflow_id > :after order by workflow_id limit :limit""")
  List<Enrollment> runningBefore(Instant before, String after, int limit);
}
