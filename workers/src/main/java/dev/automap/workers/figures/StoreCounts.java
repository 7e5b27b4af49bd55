package dev.automap.workers.figures;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * What the store counts of one version of an automation: its runs by state, the goals met, and per
 * action step its visits (entered, and done), from the step log joined to each run's version.
 */
@Singleton
public class StoreCounts {
  private final JdbcOperations jdbc;

  public StoreCounts(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code visits}: step id to {entered, completed}. */
  public record Counts(Map<String, Long> byState, long goalsMet, Map<String, long[]> visits) {}

  @Transactional(readOnly = true)
  public Counts of(String accountId, String automationKey, int version) {
    Map<String, Long> byState = new HashMap<>();
    jdbc.prepareStatement(
        """
        select state, count(*) from enrollments
        where account_id = ? and automation_key = ? and version = ? group by state""",
        ps -> {
          ps.setString(1, accountId);
          ps.setString(2, automationKey);
          ps.setInt(3, version);
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
    Map<String, long[]> visits = new HashMap<>();
    jdbc.prepareStatement(
        """
        select s.step_id, count(*),
               count(*) filter (where s.outcome in ('done', 'unchanged', 'skipped', 'suppressed'))
        from step_log s join enrollments e
          on e.workflow_id = s.workflow_id and e.account_id = s.account_id
         and s.at >= e.started_at and (e.ended_at is null or s.at <= e.ended_at)
        where s.account_id = ? and s.automation_key = ? and e.version = ?
        group by s.step_id""",
        ps -> {
          ps.setString(1, accountId);
          ps.setString(2, automationKey);
          ps.setInt(3, version);
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              visits.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
            }
          }
          return null;
        });

    return new Counts(byState, goals, visits);
  }
}
