package dev.automap.workers.enrollment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.BranchStep;
import dev.automap.definitions.model.SplitStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.model.SwitchStep;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.store.Automation;
import dev.automap.workers.timeline.StepCounters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An automation's numbers, per version or over all of them, read from the counters runs keep as
 * they pass steps ({@link StepCounters}): runs by how they stand, goals met and conversion (goals
 * met ÷ enrolled), and per step how many runs are on it now, entered, completed, failed or left it,
 * and which paths a branch, switch or split took. A version's steps are those of its map (counted
 * or not); over all versions, every step any version counted.
 */
@Singleton
public class EnrollmentStats {
  /** One step's counts; {@code paths} only for a branch, switch or split. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepCounts(
      @Nullable String type,
      long active,
      long entered,
      long completed,
      long failed,
      long left,
      @Nullable Map<String, Long> paths) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Stats(
      @Nullable Integer version,
      long enrolled,
      long active,
      long completed,
      long exited,
      long failed,
      long goalsMet,
      double conversion,
      long migratedIn,
      long migratedOut,
      Map<String, StepCounts> steps) {}

  private final StepCounters counters;
  private final AutomationCatalog catalog;

  public EnrollmentStats(StepCounters counters, AutomationCatalog catalog) {
    this.counters = counters;
    this.catalog = catalog;
  }

  /** The numbers of {@code version} of the automation, or of all its versions when null. */
  public Stats of(String accountId, String automationKey, @Nullable Integer version) {
    Automation automation = catalog.find(accountId, automationKey);
    AutomationMap map =
        version != null
            ? catalog.load(automation, version)
            : automation.activeVersion() != null
                ? catalog.load(automation, automation.activeVersion())
                : catalog.load(automation, automation.latestVersion());
    Map<String, Map<String, Long>> counted = counters.of(accountId, automationKey, version);
    Map<String, Long> own = counted.getOrDefault(StepCounters.RUN, Map.of());
    long enrolled = own.getOrDefault("enrolled", 0L);
    long completed = own.getOrDefault(EnrollmentState.COMPLETED.wire(), 0L);
    long exited = own.getOrDefault(EnrollmentState.EXITED.wire(), 0L);
    long failed = own.getOrDefault(EnrollmentState.FAILED.wire(), 0L);
    long goals = own.getOrDefault("goals_met", 0L);
    long in = own.getOrDefault("migrated_in", 0L);
    long out = own.getOrDefault("migrated_out", 0L);
    long ended =
        completed
            + exited
            + failed
            + own.getOrDefault(EnrollmentState.ENDED.wire(), 0L)
            + own.getOrDefault(EnrollmentState.LOST.wire(), 0L);
    long active = Math.max(0, enrolled + in - ended - out);
    Map<String, StepCounts> steps = new LinkedHashMap<>();
    Map<String, Step> known = new LinkedHashMap<>();
    for (Step step : map.steps()) {
      known.put(step.id(), step);
      if (version != null) {
        steps.put(step.id(), counts(step, Map.of()));
      }
    }
    counted.forEach(
        (stepId, values) -> {
          if (!stepId.equals(StepCounters.RUN)) {
            steps.put(stepId, counts(known.get(stepId), values));
          }
        });
    long base = enrolled + in;
    double conversion = base == 0 ? 0 : Math.round(goals * 10_000.0 / base) / 10_000.0;
    return new Stats(
        version, enrolled, active, completed, exited, failed, goals, conversion, in, out, steps);
  }

  private static StepCounts counts(@Nullable Step step, Map<String, Long> values) {
    Map<String, Long> paths = null;
    if (step instanceof BranchStep || step instanceof SwitchStep || step instanceof SplitStep) {
      paths = new LinkedHashMap<>();
    }
    for (var e : values.entrySet()) {
      if (e.getKey().startsWith("path:")) {
        if (paths == null) {
          paths = new LinkedHashMap<>();
        }
        paths.put(e.getKey().substring("path:".length()), e.getValue());
      }
    }
    return new StepCounts(
        step == null ? null : StepTypes.nameOf(step.getClass()),
        Math.max(0, values.getOrDefault("active", 0L)),
        values.getOrDefault("entered", 0L),
        values.getOrDefault("completed", 0L),
        values.getOrDefault("failed", 0L),
        values.getOrDefault("left", 0L),
        paths);
  }
}
