package dev.automap.workers.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.store.Ids;
import dev.automap.workers.temporal.TemporalConfig;
import dev.automap.workers.temporal.TemporalUnavailable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bulk enrollment jobs: created with their contacts (ids, a list or a segment), run by a {@link
 * BulkEnrollmentRun} workflow, and read back with their progress.
 */
@Singleton
public class BulkJobs {
  /** Whom a job enrolls: exactly one of the three. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Source(
      @Nullable List<String> contactIds, @Nullable String list, @Nullable Condition segment) {}

  /** A job as the API shows it. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Job(
      String id,
      String automationKey,
      String state,
      @Nullable Long total,
      long enrolled,
      Map<String, Long> skipped,
      long failed,
      Instant createdAt,
      @Nullable Instant finishedAt,
      @Nullable String reason) {}

  /** A job as its activities need it. */
  record Stored(String id, String accountId, String automationKey, Source source, String state) {}

  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final WorkflowClient client;
  private final TemporalConfig temporal;

  public BulkJobs(
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      WorkflowClient client,
      TemporalConfig temporal) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.client = client;
    this.temporal = temporal;
  }

  /** The workflow ID of a job: {@code <accountId>:<automationKey>:bulk:<jobId>}. */
  public static String workflowId(String accountId, String automationKey, String jobId) {
    return accountId + ":" + automationKey + ":bulk:" + jobId;
  }

  /** Stores the job and starts its workflow; its id. */
  public String start(String accountId, String automationKey, Source source) {
    String id = Ids.next("job");
    transactions.executeWrite(
        status -> {
          jdbc.prepareStatement(
              """
              insert into bulk_jobs (id, account_id, automation_key, source, state)
              values (?, ?, ?, cast(? as jsonb), 'running')""",
              ps -> {
                ps.setString(1, id);
                ps.setString(2, accountId);
                ps.setString(3, automationKey);
                ps.setString(
                    4,
                    MapJson.write(
                        new Source(null, source.list(), source.segment()))); // ids go in rows
                return ps.executeUpdate();
              });
          if (source.contactIds() != null) {
            jdbc.prepareStatement(
                "insert into bulk_job_targets (job_id, contact_id) values (?, ?) on conflict do nothing",
                ps -> {
                  for (String contactId : new LinkedHashSet<>(source.contactIds())) {
                    ps.setString(1, id);
                    ps.setString(2, contactId);
                    ps.addBatch();
                  }
                  return ps.executeBatch();
                });
          }
          return null;
        });
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId(accountId, automationKey, id))
            .setTaskQueue(temporal.taskQueue())
            .setStaticSummary("Bulk enrollment " + id + " into " + automationKey)
            .build();
    BulkEnrollmentRun run = client.newWorkflowStub(BulkEnrollmentRun.class, options);
    try {
      TemporalUnavailable.within(
          () -> WorkflowClient.start(run::run, new BulkEnrollmentRun.Input(id, null)));
    } catch (RuntimeException e) {
      finish(id, "failed", "the job's workflow did not start: " + e.getMessage());
      throw e instanceof io.temporal.client.WorkflowServiceException w
          ? TemporalUnavailable.classify(w, "bulk job " + id + " did not start")
          : e;
    }
    return id;
  }

  /** The account's job of that id. */
  public Optional<Job> get(String accountId, String id) {
    return Optional.ofNullable(transactions.executeRead(status -> readJob(accountId, id)));
  }

  private Job readJob(String accountId, String id) {
    return jdbc.prepareStatement(
        """
            select id, automation_key, state, total, enrolled, skipped::text, failed, created_at,
            finished_at, reason from bulk_jobs where id = ? and account_id = ?""",
        ps -> {
          ps.setString(1, id);
          ps.setString(2, accountId);
          try (var rs = ps.executeQuery()) {
            if (!rs.next()) {
              return null;
            }
            long total = rs.getLong(4);
            Long totalOrNull = rs.wasNull() ? null : total;
            Map<String, Long> skipped = new LinkedHashMap<>();
            MapJson.mapper()
                .readTree(rs.getString(6))
                .properties()
                .forEach(e -> skipped.put(e.getKey(), e.getValue().asLong()));
            Timestamp finished = rs.getTimestamp(9);
            return new Job(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                totalOrNull,
                rs.getLong(5),
                skipped,
                rs.getLong(7),
                rs.getTimestamp(8).toInstant(),
                finished == null ? null : finished.toInstant(),
                rs.getString(10));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bulk job " + id + " has unreadable counts", e);
          }
        });
  }

  Stored stored(String id) {
    return transactions.executeRead(status -> readStored(id));
  }

  private Stored readStored(String id) {
    return jdbc.prepareStatement(
        "select id, account_id, automation_key, source::text, state from bulk_jobs where id = ?",
        ps -> {
          ps.setString(1, id);
          try (var rs = ps.executeQuery()) {
            if (!rs.next()) {
              throw new IllegalStateException("no bulk job " + id);
            }
            Source source = MapJson.mapper().readValue(rs.getString(4), Source.class);
            return new Stored(
                rs.getString(1), rs.getString(2), rs.getString(3), source, rs.getString(5));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bulk job " + id + " has an unreadable source", e);
          }
        });
  }

  /** Records the end of a running job (a repeat changes nothing). */
  void finish(String id, String state, @Nullable String reason) {
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                """
                update bulk_jobs set state = ?, reason = ?, finished_at = now()
                where id = ? and state = 'running'""",
                ps -> {
                  ps.setString(1, state);
                  ps.setString(2, reason);
                  ps.setString(3, id);
                  return ps.executeUpdate();
                }));
  }
}
