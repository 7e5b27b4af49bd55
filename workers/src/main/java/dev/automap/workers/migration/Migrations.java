package dev.automap.workers.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.run.AutomationRun;
import dev.automap.workers.run.EngineActivities;
import dev.automap.workers.run.MigrationOrder;
import dev.automap.workers.store.Automation;
import dev.automap.workers.store.Ids;
import dev.automap.workers.temporal.TemporalUnavailable;
import dev.automap.workers.timeline.StepCounters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving the running contacts of one version of a map to another (api.md, migrations): which runs
 * move and which are refused, the {@code migrate} signal to each that moves, and each run's
 * progress as the runs record their moves.
 *
 * <p>Where a run stands is read from the store's run positions (what the enrollments listing by
 * step reads, kept by the step counters as runs enter and leave steps): one query for every run, no
 * call per run. Runs that have no position there (runs recorded before the counters) are asked
 * through the {@code status} query. A position can lag behind a run that is doing a step; the run
 * itself checks the mapping again at its boundary and refuses when its step has none.
 */
@Singleton
public class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** How a run's own refusal at its boundary begins, told from a refusal when asked. */
  public static final String AT_BOUNDARY = "at its step boundary: ";

  /** A migration as asked: from version, to version, old step id → new step id. */
  public record Request(int from, int to, Map<String, String> steps, boolean dryRun) {}

  /** A run that moves: its enrollment, the step it is on, the step it goes on at. */
  @Serdeable
  public record Move(String enrollmentId, String step, String toStep) {}

  /** A run that stays: its enrollment, the step it is on (null when unknown), and why. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Refusal(String enrollmentId, @Nullable String step, String reason) {}

  /**
   * The answer to a migration: what moves and what is refused (nothing signalled for a dry run).
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Planned(
      @Nullable String migrationId,
      boolean dryRun,
      int from,
      int to,
      int runs,
      List<Move> moving,
      List<Refusal> refused) {}

  /**
   * A migration's progress: {@code runs} signalled, of which {@code moved}, {@code waiting} (not at
   * a step boundary yet), {@code ended} (before reaching one) and {@code failed} (not signalled);
   * every refused run, whether refused when asked or by the run at its boundary. {@code state} is
   * {@code moving} while any run waits, then {@code done}.
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Progress(
      String migrationId,
      String automationKey,
      int from,
      int to,
      Map<String, String> steps,
      Instant createdAt,
      String state,
      long runs,
      long moved,
      long waiting,
      long ended,
      long failed,
      List<Refusal> refused) {}

  /** A migration that cannot be done as asked: where in the request, and why. */
  public static class Invalid extends RuntimeException {
    private final transient List<Problem> problems;

    public Invalid(List<Problem> problems) {
      super(problems.toString());
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  private final AutomationCatalog catalog;
  private final JdbcOperations jdbc;
  private final TransactionOperations<Connection> transactions;
  private final WorkflowClient client;
  private final StepCounters counters;

  public Migrations(
      AutomationCatalog catalog,
      JdbcOperations jdbc,
      TransactionOperations<Connection> transactions,
      WorkflowClient client,
      StepCounters counters) {
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.client = client;
    this.counters = counters;
  }

  /**
   * Checks the request, finds the running contacts of version {@code from} and, unless it is a dry
   * run, records the migration and signals {@code migrate} to every run that moves.
   *
   * @throws AutomationCatalog.NoSuchAutomation when the account has no such automation
   * @throws Invalid when a version or a step of the request does not fit
   */
  public Planned start(String accountId, String key, Request request) {
    Automation automation = catalog.find(accountId, key);
    checkVersions(automation, request);
    AutomationMap from = catalog.load(automation, request.from());
    AutomationMap to = catalog.load(automation, request.to());
    checkSteps(from, to, request);

    List<Move> moving = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    runsOf(accountId, key, request.from())
        .forEach(
            (workflowId, steps) -> {
              List<String> at = steps.isEmpty() ? statusSteps(workflowId) : steps;
              if (at == null || at.isEmpty()) {
                refused.add(new Refusal(workflowId, null, "where the run stands is not known"));
                return;
              }
              for (String step : at) {
                if (!request.steps().containsKey(step)) {
                  refused.add(new Refusal(workflowId, step, "no mapping for step " + step));
                  return;
                }
              }
              moving.add(new Move(workflowId, at.getFirst(), request.steps().get(at.getFirst())));
            });
    if (request.dryRun()) {
      return new Planned(null, true, request.from(), request.to(), moving.size(), moving, refused);
    }
    String id = Ids.next("mig");
    record(accountId, key, id, request, moving, refused);
    MigrationOrder order = new MigrationOrder(request.to(), request.steps(), id);
    for (Move move : moving) {
      signal(id, move.enrollmentId(), order);
    }
    LOG.info(
        "migration {} of {}: version {} to {}, {} run(s) signalled, {} refused",
        id,
        key,
        request.from(),
        request.to(),
        moving.size(),
        refused.size());
    return new Planned(id, false, request.from(), request.to(), moving.size(), moving, refused);
  }

  private void checkVersions(Automation automation, Request request) {
    List<Problem> problems = new ArrayList<>();
    List<Integer> versions = catalog.versions(automation);
    if (!versions.contains(request.from())) {
      problems.add(
          new Problem(
              "/from", "automation " + automation.key() + " has no version " + request.from()));
    }
    if (!versions.contains(request.to())) {
      problems.add(
          new Problem("/to", "automation " + automation.key() + " has no version " + request.to()));
    } else if (!Automation.ACTIVE.equals(automation.status())
        || automation.activeVersion() == null
        || automation.activeVersion() != request.to()) {
      problems.add(
          new Problem(
              "/to",
              "version "
                  + request.to()
                  + " is not the active version of "
                  + automation.key()
                  + (Automation.ACTIVE.equals(automation.status())
                      ? " (it is " + automation.activeVersion() + ")"
                      : " (the automation is " + automation.status() + ")")
                  + ": runs move only to the published, active version"));
    }
    if (problems.isEmpty() && request.from() == request.to()) {
      problems.add(new Problem("/to", "runs are on version " + request.to() + " already"));
    }
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
  }

  private static void checkSteps(AutomationMap from, AutomationMap to, Request request) {
    List<Problem> problems = new ArrayList<>();
    request
        .steps()
        .forEach(
            (oldId, newId) -> {
              String path = "/steps/" + pointer(oldId);
              if (from.step(oldId) == null) {
                problems.add(
                    new Problem(path, "version " + request.from() + " has no step " + oldId));
              } else if (to.step(newId) == null) {
                problems.add(
                    new Problem(path, "version " + request.to() + " has no step " + newId));
              }
            });
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
  }

  /** A step id as a JSON Pointer token. */
  public static String pointer(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** The running enrollments of that version, each with the steps the store has it on. */
  private Map<String, List<String>> runsOf(String accountId, String key, int version) {
    return transactions.executeRead(
        status ->
            jdbc.prepareStatement(
                """
                select e.workflow_id, p.step_id from enrollments e
                left join run_positions p on p.workflow_id = e.workflow_id
                where e.account_id = ? and e.automation_key = ? and e.version = ?
                and e.state = 'running' order by e.workflow_id, p.since, p.step_id""",
                ps -> {
                  ps.setString(1, accountId);
                  ps.setString(2, key);
                  ps.setInt(3, version);
                  Map<String, List<String>> out = new LinkedHashMap<>();
                  try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                      List<String> steps =
                          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                      if (rs.getString(2) != null) {
                        steps.add(rs.getString(2));
                      }
                    }
                  }
                  return out;
                }));
  }

  /** The steps the run's {@code status} query names; null when it does not answer. */
  private List<String> statusSteps(String workflowId) {
    try {
      return client.newWorkflowStub(AutomationRun.class, workflowId).status().steps();
    } catch (RuntimeException e) {
      LOG.debug("run {} did not answer its status: {}", workflowId, e.getMessage());
      return null;
    }
  }

  private void record(
      String accountId,
      String key,
      String id,
      Request request,
      List<Move> moving,
      List<Refusal> refused) {
    transactions.executeWrite(
        status -> {
          jdbc.prepareStatement(
              """
              insert into migrations (id, account_id, automation_key, from_version, to_version, steps)
              values (?, ?, ?, ?, ?, cast(? as jsonb))""",
              ps -> {
                ps.setString(1, id);
                ps.setString(2, accountId);
                ps.setString(3, key);
                ps.setInt(4, request.from());
                ps.setInt(5, request.to());
                ps.setString(6, MapJson.write(request.steps()));
                return ps.executeUpdate();
              });
          jdbc.prepareStatement(
              """
              insert into migration_runs (migration_id, workflow_id, step, to_step, state, reason)
              values (?, ?, ?, ?, ?, ?)""",
              ps -> {
                for (Move move : moving) {
                  ps.setString(1, id);
                  ps.setString(2, move.enrollmentId());
                  ps.setString(3, move.step());
                  ps.setString(4, move.toStep());
                  ps.setString(5, "signalled");
                  ps.setString(6, null);
                  ps.addBatch();
                }
                for (Refusal refusal : refused) {
                  ps.setString(1, id);
                  ps.setString(2, refusal.enrollmentId());
                  ps.setString(3, refusal.step());
                  ps.setString(4, null);
                  ps.setString(5, "refused");
                  ps.setString(6, refusal.reason());
                  ps.addBatch();
                }
                return ps.executeBatch();
              });
          return null;
        });
  }

  /**
   * Signals one run; a run that ended meanwhile is recorded as ended, one not reached as failed.
   */
  private void signal(String id, String workflowId, MigrationOrder order) {
    try {
      TemporalUnavailable.within(
          () -> {
            client.newWorkflowStub(AutomationRun.class, workflowId).migrate(order);
            return null;
          });
    } catch (WorkflowNotFoundException e) {
      settle(id, workflowId, "ended", null, "the run had ended");
    } catch (RuntimeException e) {
      LOG.warn("migration {}: run {} was not signalled: {}", id, workflowId, e.getMessage());
      settle(id, workflowId, "failed", null, "not signalled: " + e.getMessage());
    }
  }

  /**
   * Records a run's move, once per run however often it is asked (a retried activity): the
   * enrollment follows the run to the new version, the versions count a run migrated out and in,
   * the run's positions are forgotten (it enters its new step on the new version), and the
   * migration that asked (if any) counts it moved. The new version's map; null when it cannot be
   * followed (then nothing is recorded).
   */
  public AutomationMap recordMove(EngineActivities.MigrationMove move) {
    Automation automation;
    AutomationMap map;
    try {
      automation = catalog.find(move.accountId(), move.automationKey());
      map = catalog.load(automation, move.toVersion());
    } catch (AutomationCatalog.NoSuchAutomation e) {
      return null;
    }
    for (String step : move.toSteps()) {
      if (map.step(step) == null) {
        return null;
      }
    }
    transactions.executeWrite(
        status -> {
          if (!counters.claim(move.workflowId() + "/" + move.runId() + "/migrate")) {
            return null;
          }
          jdbc.prepareStatement(
              """
              update enrollments set version = ? where workflow_id = ? and state = 'running'""",
              ps -> {
                ps.setInt(1, move.toVersion());
                ps.setString(2, move.workflowId());
                return ps.executeUpdate();
              });
          counters.bumpRun(
              move.accountId(), move.automationKey(), move.fromVersion(), "migrated_out", 1);
          counters.bumpRun(
              move.accountId(), move.automationKey(), move.toVersion(), "migrated_in", 1);
          counters.forgetPositions(move.workflowId());
          if (move.migrationId() != null) {
            settle(
                move.migrationId(),
                move.workflowId(),
                "moved",
                String.join(",", move.toSteps()),
                null);
          }
          return null;
        });
    return map;
  }

  /** Records that a run refused the migration at its boundary: its step has no mapping. */
  public void recordRefusal(String migrationId, String workflowId, String step, String reason) {
    if (migrationId == null) {
      return;
    }
    transactions.executeWrite(
        status ->
            jdbc.prepareStatement(
                """
                update migration_runs set state = 'refused', step = coalesce(?, step), reason = ?,
                updated_at = now()
                where migration_id = ? and workflow_id = ? and state = 'signalled'""",
                ps -> {
                  ps.setString(1, step);
                  ps.setString(2, AT_BOUNDARY + reason);
                  ps.setString(3, migrationId);
                  ps.setString(4, workflowId);
                  return ps.executeUpdate();
                }));
  }

  private void settle(String id, String workflowId, String state, String toStep, String reason) {
    jdbc.prepareStatement(
        """
        update migration_runs set state = ?, to_step = coalesce(?, to_step), reason = ?,
        updated_at = now() where migration_id = ? and workflow_id = ? and state = 'signalled'""",
        ps -> {
          ps.setString(1, state);
          ps.setString(2, toStep);
          ps.setString(3, reason);
          ps.setString(4, id);
          ps.setString(5, workflowId);
          return ps.executeUpdate();
        });
  }

  /** The account's migration of that id, with its progress. */
  public Optional<Progress> progress(String accountId, String id) {
    return Optional.ofNullable(transactions.executeRead(status -> readProgress(accountId, id)));
  }

  private Progress readProgress(String accountId, String id) {
    record Head(String key, int from, int to, Map<String, String> steps, Instant createdAt) {}
    Head head =
        jdbc.prepareStatement(
            """
            select automation_key, from_version, to_version, steps::text, created_at
            from migrations where id = ? and account_id = ?""",
            ps -> {
              ps.setString(1, id);
              ps.setString(2, accountId);
              try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                  return null;
                }
                Map<String, String> steps =
                    MapJson.mapper()
                        .readValue(rs.getString(4), new TypeReference<Map<String, String>>() {});
                return new Head(
                    rs.getString(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    steps,
                    rs.getTimestamp(5).toInstant());
              } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                    "migration " + id + " has an unreadable mapping", e);
              }
            });
    if (head == null) {
      return null;
    }
    long[] counts = new long[5]; // runs, moved, waiting, ended, failed
    List<Refusal> refused = new ArrayList<>();
    jdbc.prepareStatement(
        """
        select r.workflow_id, r.step, r.state, r.reason, exists (
          select 1 from enrollments e where e.workflow_id = r.workflow_id and e.state = 'running')
        from migration_runs r where r.migration_id = ? order by r.workflow_id""",
        ps -> {
          ps.setString(1, id);
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              String state = rs.getString(3);
              switch (state) {
                case "refused" -> {
                  refused.add(new Refusal(rs.getString(1), rs.getString(2), rs.getString(4)));
                  if (rs.getString(4) != null && rs.getString(4).startsWith(AT_BOUNDARY)) {
                    counts[0]++; // signalled, then refused by the run itself
                  }
                }
                case "moved" -> {
                  counts[0]++;
                  counts[1]++;
                }
                case "signalled" -> {
                  counts[0]++;
                  // a signalled run that is no longer running ended before its boundary
                  counts[rs.getBoolean(5) ? 2 : 3]++;
                }
                case "ended" -> {
                  counts[0]++;
                  counts[3]++;
                }
                default -> {
                  counts[0]++;
                  counts[4]++;
                }
              }
            }
          }
          return null;
        });
    return new Progress(
        id,
        head.key(),
        head.from(),
        head.to(),
        head.steps(),
        head.createdAt(),
        counts[2] > 0 ? "moving" : "done",
        counts[0],
        counts[1],
        counts[2],
        counts[3],
        counts[4],
        refused);
  }
}
