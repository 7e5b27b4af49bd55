package dev.automap.workers.timeline;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An automation's numbers per version, kept as counters: each step mark a run makes counts once
 * (entered, active, completed, failed, left, the path taken), in the transaction that writes a flow
 * step's entry in the step log; the run's own counters (enrolled, how runs ended, goals met, runs
 * moved between versions) are bumped where those things are recorded. The numbers are read from the
 * counters, never by scanning runs.
 */
@Singleton
public class StepCounters {
  /** The step id under which a version's own counters are kept. */
  public static final String RUN = "";

  private final JdbcOperations jdbc;
  private final StepLog stepLog;

  public StepCounters(JdbcOperations jdbc, StepLog stepLog) {
    this.jdbc = jdbc;
    this.stepLog = stepLog;
  }

  /** Counts each mark not counted before, moves the run's positions, logs flow steps. */
  @Transactional
  public void apply(StepMarks batch) {
    for (StepMarks.Mark mark : batch.marks()) {
      if (!claim(mark.key())) {
        continue;
      }
      String step = mark.stepId();
      if (StepMarks.ENTER.equals(mark.kind())) {
        bump(batch, step, "entered", 1);
        bump(batch, step, "active", 1);
        jdbc.prepareStatement(
            """
            insert into run_positions (workflow_id, step_id, account_id, automation_key, since)
            values (?, ?, ?, ?, ?) on conflict do nothing""",
            ps -> {
              ps.setString(1, batch.workflowId());
              ps.setString(2, step);
              ps.setString(3, batch.accountId());
              ps.setString(4, batch.automationKey());
              ps.setTimestamp(5, Timestamp.from(at(mark)));
              return ps.executeUpdate();
            });
        continue;
      }
      bump(batch, step, "active", -1);
      bump(batch, step, mark.outcome(), 1);
      if (mark.path() != null) {
        bump(batch, step, "path:" + mark.path(), 1);
      }
      jdbc.prepareStatement(
          "delete from run_positions where workflow_id = ? and step_id = ?",
          ps -> {
            ps.setString(1, batch.workflowId());
            ps.setString(2, step);
            return ps.executeUpdate();
          });
      if (!mark.logged() && !"left".equals(mark.outcome())) {
        String visit = mark.key().substring(0, mark.key().length() - "/out".length());
        stepLog.record(
            new StepOutcome(
                visit,
                batch.accountId(),
                batch.contactId(),
                batch.automationKey(),
                step,
                mark.type(),
                mark.outcome().equals("completed") ? "done" : mark.outcome(),
                mark.detail(),
                at(mark)));
      }
    }
  }

  /** Adds {@code delta} to a version's own counter {@code name} (enrolled, completed…). */
  @Transactional
  public void bumpRun(
      String accountId, String automationKey, int version, String name, long delta) {
    bump(accountId, automationKey, version, RUN, name, delta);
  }

  /** Forgets where a run stood (it ended): its positions are no longer anyone's. */
  @Transactional
  public void forgetPositions(String workflowId) {
    jdbc.prepareStatement(
        "delete from run_positions where workflow_id = ?",
        ps -> {
          ps.setString(1, workflowId);
          return ps.executeUpdate();
        });
  }

  /**
   * The counters of one version, or of every version summed when {@code version} is null: step id
   * ({@link #RUN} for the version's own) → counter name → value.
   */
  @Transactional
  public Map<String, Map<String, Long>> of(
      String accountId, String automationKey, Integer version) {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    jdbc.prepareStatement(
        """
        select step_id, name, sum(n) from step_counts where account_id = ? and automation_key = ?
        and (cast(? as integer) is null or version = ?) group by step_id, name order by step_id, name""",
        ps -> {
          ps.setString(1, accountId);
          ps.setString(2, automationKey);
          if (version == null) {
            ps.setNull(3, java.sql.Types.INTEGER);
            ps.setNull(4, java.sql.Types.INTEGER);
          } else {
            ps.setInt(3, version);
            ps.setInt(4, version);
          }
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                  .put(rs.getString(2), rs.getLong(3));
            }
          }
          return null;
        });
    return out;
  }

  /**
   * Claims a mark key in the caller's transaction: true the first time, false when it was claimed
   * before, so a thing counted under that key is counted once.
   */
  public boolean claim(String key) {
    return jdbc.prepareStatement(
            "insert into step_marks (mark_key) values (?) on conflict do nothing",
            ps -> {
              ps.setString(1, key);
              return ps.executeUpdate();
            })
        == 1;
  }

  private void bump(StepMarks batch, String step, String name, long delta) {
    bump(batch.accountId(), batch.automationKey(), batch.version(), step, name, delta);
  }

  private void bump(
      String accountId, String automationKey, int version, String step, String name, long delta) {
    jdbc.prepareStatement(
        """
        insert into step_counts (account_id, automation_key, version, step_id, name, n)
        values (?, ?, ?, ?, ?, ?)
        on conflict (account_id, automation_key, version, step_id, name) do update set n = step_counts.n + excluded.n""",
        ps -> {
          ps.setString(1, accountId);
          ps.setString(2, automationKey);
          ps.setInt(3, version);
          ps.setString(4, step);
          ps.setString(5, name);
          ps.setLong(6, delta);
          return ps.executeUpdate();
        });
  }

  private static Instant at(StepMarks.Mark mark) {
    return mark.at() == null ? Instant.now() : mark.at();
  }
}
