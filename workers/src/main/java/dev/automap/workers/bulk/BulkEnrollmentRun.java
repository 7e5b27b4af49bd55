package dev.automap.workers.bulk;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One bulk enrollment job: pages through its contacts, each page enrolled by one activity, and
 * continues as new now and then carrying its cursor, so a job of any size resumes where it stood
 * after a crash.
 */
@WorkflowInterface
public interface BulkEnrollmentRun {

  /** Where a job stands: the job, the last contact id done, how many pages this run did. */
  record Input(String jobId, String after) {}

  @WorkflowMethod
  String run(Input input);
}
