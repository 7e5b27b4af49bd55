package dev.automap.workers.enrollment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An automation's numbers: enrollments by state from the enrollments table, goals met from the
 * engine's events, and per action step how often it was entered and how it came out, from the step
 * log.
 */
@Singleton
public class EnrollmentStats {
  /** One step's counts. */
  @Serdeable
  public record StepCounts(long entered, long completed) {}

  @Serdeable
  public record Stats(
      long enrolled,
      long active,
      long completed,
      long exited,
      long failed,
      long goalsMet,
      Map<String, StepCounts> steps) {}

  private final JdbcOperations jdbc;

  public EnrollmentStats(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public Stats of(String accountId, String automationKey) {
    Map<String, Long> byState = new LinkedHashMap<>();
    jdbc.prepareStatement(
        """
        select state, count(*) from enrollments where account_id = ? and automation_key = ? group by state""",
        ps -> {
          ps.setString(1, accountId);
          ps.setString(2, automationKey);
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              byState.put(rs.getString(1), rs.getLong(2));
            }
          }
          return null;
        });
    long goals =
        jdbc.prepareStatement(
            """
        select count(*) from events where account_id = ? and type = 'automation.goal_met'
        and data ->> 'automationKey' = ?""",
            ps -> {
              ps.setString(1, accountId);
              ps.setString(2, automationKey);
              try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
              }
            });
    Map<String, StepCounts> steps = new LinkedHashMap<>();
    jdbc.prepareStatement(
        """
        select step_id, count(*), count(*) filter (where outcome in ('done', 'unchanged', 'skipped', 'suppressed'))
        from step_log where account_id = ? and automation_key = ? group by step_id order by step_id""",
        ps -> {
          ps.setString(1, accountId);
          ps.setString(2, automationKey);
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              steps.put(rs.getString(1), new StepCounts(rs.getLong(2), rs.getLong(3)));
            }
          }
          return null;
        });
    long total = byState.values().stream().mapToLong(Long::longValue).sum();
    return new Stats(
        total,
        byState.getOrDefault(EnrollmentState.RUNNING.wire(), 0L),
        byState.getOrDefault(EnrollmentState.COMPLETED.wire(), 0L),
        byState.getOrDefault(EnrollmentState.EXITED.wire(), 0L),
        byState.getOrDefault(EnrollmentState.FAILED.wire(), 0L),
        goals,
        steps);
  }
}
