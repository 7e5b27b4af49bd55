package dev.automap.workers.run;

import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * What the run does with a {@code migrate} signal (engine.md). The signal is only noted; the
 * coordinator then {@link #begin begins} the migration, which makes every path park at its next
 * step boundary: between two steps, or inside a wait (a timer, a wait for an event, a goal, another
 * run), whose wait is interrupted. A path doing an action finishes it first. Once every path has
 * parked (or ended), the coordinator asks {@link #unmapped} and either {@link #move moves} the run
 * (it continues as new on the new version, each path entering its mapped step afresh: a wait starts
 * again with its full time) or {@link #refuse refuses} (the paths go on where they stood, a wait
 * keeping its due time).
 *
 * <p>Runs recorded before migrations existed never acted on the signal: the first migration a run
 * begins is marked with {@code Workflow.getVersion("migrate")}, and a history without that marker
 * replays the signal as ignored.
 */
final class RunMigration {
  private final RunScope run;

  /** The order signalled and not yet taken by the coordinator. */
  private MigrationOrder asked;

  RunMigration(RunScope run) {
    this.run = run;
  }

  /** Notes the order (signal handler): the coordinator takes it. */
  void ask(MigrationOrder order) {
    if (order != null) {
      asked = order;
    }
  }

  boolean asked() {
    return asked != null;
  }

  /**
   * Takes the order noted: refuses it at once when the run follows that version already, another
   * migration is under way, or a path waits on a step without a mapping; else the migration is
   * under way and each path parks at its next boundary. An ending run ignores it.
   */
  void begin() {
    MigrationOrder order = asked;
    asked = null;
    if (run.ending() || Workflow.getVersion("migrate", Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    if (run.migrating != null) {
      refuse(order, null, "a migration to version " + run.migrating.toVersion() + " is under way");
      return;
    }
    if (order.toVersion() == run.input.version()) {
      refuse(order, null, "the run follows version " + order.toVersion() + " already");
      return;
    }
    for (Cursor cursor : run.cursors) {
      if (cursor.waiting() && order.target(cursor.step()) == null) {
        refuse(order, cursor.step(), "no mapping for step " + cursor.step());
        return;
      }
    }
    run.migrating = order;
  }

  /** The first step a parked path stands at that has no mapping; null when every one has. */
  String unmapped(List<RunMemory.Position> parked) {
    for (RunMemory.Position position : parked) {
      if (run.migrating.target(position.step()) == null) {
        return position.step();
      }
    }
    return null;
  }

  /**
   * Records the move of the parked paths (one local activity, which also answers the new version's
   * map) and notes it in the path; the new version's map, or null when it cannot be followed (the
   * migration is then refused).
   */
  AutomationMap move(List<RunMemory.Position> parked) {
    MigrationOrder order = run.migrating;
    List<String> from = new ArrayList<>();
    List<String> to = new ArrayList<>();
    for (RunMemory.Position position : parked) {
      from.add(position.step());
      to.add(order.target(position.step()));
    }
    var info = Workflow.getInfo();
    AutomationMap map;
    try {
      map =
          RunStubs.engineLocal(
                  from.getFirst(), "engine.migrate moves to version " + order.toVersion())
              .migrate(
                  new EngineActivities.MigrationMove(
                      run.selfId(),
                      info.getRunId(),
                      run.input.accountId(),
                      run.input.automationKey(),
                      run.input.version(),
                      order.toVersion(),
                      order.migrationId(),
                      from,
                      to));
    } catch (ActivityFailure e) {
      map = null;
    }
    if (map == null) {
      refuse(
          order,
          from.getFirst(),
          "version " + order.toVersion() + " cannot be followed by this run");
      return null;
    }
    for (RunMemory.Position position : parked) {
      String target = order.target(position.step());
      Step step = run.map.step(position.step());
      if (position.entered() && step != null) {
        run.marks.leave(step, "left", null, "moved to version " + order.toVersion());
      }
      run.note(position.step(), "moved to version " + order.toVersion() + ", step " + target);
    }
    run.marks.flush(from.getLast());
    return map;
  }

  /** The paths as they stand on the new version: before their mapped steps, entered afresh. */
  List<RunMemory.Position> mapped(List<RunMemory.Position> parked) {
    List<RunMemory.Position> out = new ArrayList<>();
    for (RunMemory.Position position : parked) {
      out.add(RunMemory.Position.before(run.migrating.target(position.step())));
    }
    return out;
  }

  /** Refuses the migration under way: the run stays on its version. */
  void refuse(String step) {
    MigrationOrder order = run.migrating;
    run.migrating = null;
    refuse(order, step, "no mapping for step " + step);
  }

  /** Notes the refusal in the path and tells the migration that asked. */
  private void refuse(MigrationOrder order, String step, String reason) {
    if (order == run.migrating) {
      run.migrating = null;
    }
    String at = step != null ? step : run.shown.step() != null ? run.shown.step() : run.map.start();
    run.note(at, "migration to version " + order.toVersion() + " refused: " + reason);
    if (order.migrationId() == null) {
      return;
    }
    try {
      RunStubs.engineLocal(at, "engine.migrationRefused " + reason)
          .migrationRefused(order.migrationId(), run.selfId(), step, reason);
    } catch (ActivityFailure e) {
      // the store stayed away: the migration shows the run as waiting while it runs
    }
  }
}
