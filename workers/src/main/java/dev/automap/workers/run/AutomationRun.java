package dev.automap.workers.run;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/** One contact's journey through one version of one map. */
@WorkflowInterface
public interface AutomationRun {

  @WorkflowMethod(name = "AutomationRun")
  RunOutcome run(RunInput input);

  /**
   * Holds the contact on its current step; nothing is sent while paused.
   *
   * @param reason why, and by whom ({@code "address being checked (by ops-ana)"}); null when not
   *     given (a signal sent without a payload)
   */
  @SignalMethod(name = "pause")
  void pause(String reason);

  /** Lets a paused contact go on; a wait that ended while paused proceeds now. */
  @SignalMethod(name = "resume")
  void resume();

  /** Ends the run cleanly, recording why. */
  @SignalMethod(name = "exit")
  void exit(String reason);

  /** An event about this contact (automation-map.md, Events). */
  @SignalMethod(name = "event")
  void event(Map<String, Object> event);

  /**
   * Moves the run to another version of its map at its next step boundary (engine.md): a path
   * between steps or waiting stops there and the run continues as new on {@code toVersion}, each
   * path on the step its own maps to, keeping vars and goals met. A run on a step with no mapping
   * refuses and goes on where it is.
   */
  @SignalMethod(name = "migrate")
  void migrate(MigrationOrder order);

  @QueryMethod(name = "status")
  RunStatus status();
}
