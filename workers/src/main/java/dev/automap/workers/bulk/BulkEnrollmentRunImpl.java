package dev.automap.workers.bulk;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** See {@link BulkEnrollmentRun}. */
public class BulkEnrollmentRunImpl implements BulkEnrollmentRun {
  /** Pages per run before continuing as new: a job of any size keeps a short history. */
  static final int PAGES_PER_RUN = 100;

  private final BulkActivities store =
      Workflow.newActivityStub(
          BulkActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(10))
              .setHeartbeatTimeout(Duration.ofMinutes(1))
              // a job must not die of a database or Temporal outage: retry until they are back
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  @Override
  public String run(Input input) {
    if (input.after() == null) {
      store.count(input.jobId());
    }
    String after = input.after() == null ? "" : input.after();
    for (int pages = 0; ; pages++) {
      if (pages >= PAGES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(new Input(input.jobId(), after));
      }
      BulkActivities.Page page = store.page(input.jobId(), after);
      if (page.next() == null) {
        store.finish(input.jobId(), "completed", null);
        return "completed";
      }
      after = page.next();
    }
  }
}
