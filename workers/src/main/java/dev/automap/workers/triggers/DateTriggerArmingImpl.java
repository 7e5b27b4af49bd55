package dev.automap.workers.triggers;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class DateTriggerArmingImpl implements DateTriggerArming {
  private final DateActivities activities =
      Workflow.newActivityStub(
          DateActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  private ArmingInput progress;
  private boolean stopped;

  @Override
  public int run(ArmingInput input) {
    progress = input;
    while (!stopped) {
      if (historyFull()) {
        Workflow.continueAsNew(progress);
      }
      Workflow.setCurrentDetails(
          "Arming "
              + progress.automationKey()
              + " date trigger "
              + progress.triggerIndex()
              + ": page "
              + (progress.pages() + 1)
              + ", "
              + progress.armed()
              + " contacts armed so far");
      var page =
          activities.armPage(
              progress.accountId(),
              progress.automationKey(),
              progress.triggerIndex(),
              progress.cursor(),
              progress.pageSizeOrDefault());
      progress = progress.after(page.nextCursor(), page.armed());
      if (page.inactive() || page.nextCursor() == null) {
        break;
      }
    }
    Workflow.setCurrentDetails("Armed " + progress.armed() + " contacts");
    return progress.armed();
  }

  @Override
  public void stop(String reason) {
    stopped = true;
  }

  @Override
  public ArmingInput status() {
    return progress;
  }

  private boolean historyFull() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= progress.historyLimitOrDefault()
        || info.isContinueAsNewSuggested();
  }
}
