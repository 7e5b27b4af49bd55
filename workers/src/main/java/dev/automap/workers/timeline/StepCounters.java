package dev.automap.workers.timeline;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

  /**
   * Counts each mark not counted before, moves the run's positions, logs flow steps. The marks are
   * claimed in one statement and their counters bumped in another (an action's batch, the leaving
   * of one step and the entering of the next, took nine statements one by one); positions move in
   * the marks' order, since a path may leave and enter the same step in one batch.
   */
  @Transactional
  public void apply(StepMarks batch) {
    List<StepMarks.Mark> marks = claimAll(batch.marks());
    if (marks.isEmpty()) {
      return;
    }
    // in (step, counter) order: batches bumping the same counters at once lock them in one order
    Map<List<String>, Long> deltas =
        new TreeMap<>(
            Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    for (StepMarks.Mark mark : marks) {
      String step = mark.stepId();
      if (StepMarks.ENTER.equals(mark.kind())) {
        deltas.merge(List.of(step, "entered"), 1L, Long::sum);
        deltas.merge(List.of(step, "active"), 1L, Long::sum);
        continue;
      }
      deltas.merge(List.of(step, "active"), -1L, Long::sum);
      deltas.merge(List.of(step, mark.outcome()), 1L, Long::sum);
      if (mark.path() != null) {
        deltas.merge(List.of(step, "path:" + mark.path()), 1L, Long::sum);
      }
    }
    bumpAll(batch, deltas);
    for (StepMarks.Mark mark : marks) {
      String step = mark.stepId();
      if (StepMarks.ENTER.equals(mark.kind())) {
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

  /**
   * Claims the marks' keys in the caller's transaction, in one statement: the marks claimed now
   * (each key once, in the batch's order), not those claimed before.
   */
  private List<StepMarks.Mark> claimAll(List<StepMarks.Mark> marks) {
    if (marks.isEmpty()) {
      return List.of();
    }
    String[] keys = marks.stream().map(StepMarks.Mark::key).toArray(String[]::new);
    Set<String> claimed = new HashSet<>();
    jdbc.prepareStatement(
        """
        insert into step_marks (mark_key) select unnest(?::text[])
        on conflict do nothing returning mark_key""",
        ps -> {
          ps.setArray(1, ps.getConnection().createArrayOf("text", keys));
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              claimed.add(rs.getString(1));
            }
          }
          return null;
        });
    List<StepMarks.Mark> out = new ArrayList<>();
    for (StepMarks.Mark mark : marks) {
      if (claimed.remove(mark.key())) {
        out.add(mark);
      }
    }
    return out;
  }

  /** Adds each (step, counter name) its delta, in one statement. */
  private void bumpAll(StepMarks batch, Map<List<String>, Long> deltas) {
    String[] steps = new String[deltas.size()];
    String[] names = new String[deltas.size()];
    Long[] values = new Long[deltas.size()];
    int i = 0;
    for (var e : deltas.entrySet()) {
      steps[i] = e.getKey().get(0);
      names[i] = e.getKey().get(1);
      values[i++] = e.getValue();
    }
    jdbc.prepareStatement(
        """
        insert into step_counts (account_id, automation_key, version, step_id, name, n)
        select ?, ?, ?, s, c, d from unnest(?::text[], ?::text[], ?::bigint[]) as r(s, c, d)
        on conflict (account_id, automation_key, version, step_id, name) do update set n = step_counts.n + excluded.n""",
        ps -> {
          ps.setString(1, batch.accountId());
          ps.setString(2, batch.automationKey());
          ps.setInt(3, batch.version());
          ps.setArray(4, ps.getConnection().createArrayOf("text", steps));
          ps.setArray(5, ps.getConnection().createArrayOf("text", names));
          ps.setArray(6, ps.getConnection().createArrayOf("bigint", values));
          return ps.executeUpdate();
        });
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
