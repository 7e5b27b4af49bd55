package dev.automap.workers.bulk;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The store's side of a bulk job. */
@ActivityInterface
public interface BulkActivities {

  /** What a page did; {@code next} is the cursor after it, null at the end. */
  record Page(int enrolled, int skipped, int failed, String next) {}

  /** Counts the job's contacts once (a repeat keeps the first count). */
  @ActivityMethod(name = "bulk.count")
  long count(String jobId);

  /**
   * Enrolls the page after {@code after}, at the job's rate; a contact done before is not again.
   */
  @ActivityMethod(name = "bulk.page")
  Page page(String jobId, String after);

  /** Records the job's end. */
  @ActivityMethod(name = "bulk.finish")
  void finish(String jobId, String state, String reason);
}
