package dev.automap.workers.figures;

import dev.automap.definitions.model.AutomationMap;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * An automation's live figures per step and path, and the runs now on a step: what the operator
 * page draws. One implementation reads them from the store and the runs themselves ({@link
 * RunStatusFigures}); counters kept as runs move can take its place behind this interface.
 */
public interface StepFigures {

  /** The figures of one version of an automation; {@code map} is that version. */
  Figures of(String accountId, String automationKey, int version, AutomationMap map);

  /** The runs of that version now on the step, at most {@code limit}, longest there first. */
  List<RunOnStep> runsOn(
      String accountId, String automationKey, int version, String stepId, int limit);

  /**
   * @param enrolled runs of this version started, in any state
   * @param running runs of this version not ended (moving, waiting or paused)
   * @param steps per step id, for every step of the map
   * @param paths every way from one step to another, with how many runs took it
   * @param counted how the figures were counted, in words for the page
   */
  @Serdeable
  record Figures(
      long enrolled,
      long running,
      long completed,
      long exited,
      long failed,
      long goalsMet,
      Map<String, StepFigure> steps,
      List<PathFigure> paths,
      String counted) {}

  /**
   * @param active runs now on the step (waiting, moving or paused there)
   * @param paused of those, the paused ones
   * @param entered visits of the step: of an action step from the step log, of a flow step (branch,
   *     wait, split, goal…) from the step counters
   * @param completed of those, the visits of an action step that did their work (done, unchanged,
   *     skipped, suppressed), of a flow step those that went on to a next step
   */
  @Serdeable
  record StepFigure(String stepId, long active, long paused, Long entered, Long completed) {}

  /** A way out of {@code from}: {@code label} names it (a branch, a path, a timeout). */
  @Serdeable
  record PathFigure(String from, String to, String label, long taken) {}

  /** A run on a step: its workflow ID, and what it waits for. */
  @Serdeable
  record RunOnStep(
      String workflowId,
      String contactId,
      int version,
      String state,
      String since,
      String waitingUntil,
      String waitingFor) {}
}
