package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.bulk.BulkEnrollmentRun;
import dev.automap.workers.bulk.BulkJobs;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.temporal.TemporalConfig;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A bulk job's page judged in groups: each contact's outcome is the one a single enrollment gives,
 * and a page taken up again after a crash starts nobody twice, counts nobody twice and raises each
 * run's {@code automation.enrolled} once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkEnrollmentPageTest extends BulkTestSupport {
  @Inject EnrollmentService enrollments;
  @Inject AutomationCatalog catalog;
  @Inject WorkflowClient temporal;
  @Inject TemporalConfig temporalConfig;

  @Test
  void aPageWithEveryKindOfContactGivesEachItsOutcome() throws Exception {
    String key = unique("mix");
    post(
        "/v1/automations",
        waitingMap(
            key,
            """
            "enrollment": {"reenroll": "after_exit",
              "audience": {"field": "contact.score", "op": "eq", "value": 1}},"""),
        201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String enrolled = contact(1);
    String running = contact(1);
    String outside = contact(2);
    String looping = contact(1);
    // a live run the store knows of; five runs that ended within the loop guard's hour
    runs(key, running, "running", 1);
    runs(key, looping, "completed", 5);
    String jobId =
        (String)
            post(
                    "/v1/automations/" + key + "/enrollments/bulk",
                    Map.of(
                        "contactIds",
                        List.of(enrolled, running, outside, looping, "c_nobody_" + key)),
                    202)
                .get("jobId");
    var done = job(jobId, Duration.ofSeconds(60));
    assertThat(done)
        .containsEntry("state", "completed")
        .containsEntry("total", 5)
        .containsEntry("enrolled", 1)
        .containsEntry("failed", 0)
        .containsEntry(
            "skipped",
            Map.of("already_running", 1, "not_in_audience", 1, "loop_guard", 1, "no_contact", 1));
    assertThat(outcomes(jobId))
        .containsEntry(enrolled, "enrolled")
        .containsEntry(running, "already_running")
        .containsEntry(outside, "not_in_audience")
        .containsEntry(looping, "loop_guard")
        .containsEntry("c_nobody_" + key, "no_contact");
    assertThat(runIds(key, enrolled)).hasSize(1);
    assertThat(runIds(key, running)).hasSize(1);
    assertThat(runIds(key, looping)).hasSize(5);
    assertThat(runIds(key, outside)).isEmpty();
    var stats = body(call(auth(HttpRequest.GET("/v1/automations/" + key + "/stats?version=1"))));
    assertThat(stats).containsEntry("enrolled", 1);

    // a segment job (every contact of the account looked at) in a map that enrolls once, ever
    int score = 2_000_000 + (int) (Math.random() * 1_000_000);
    String seg = unique("mixseg");
    String in = contact(score);
    String before = contact(score);
    String out = contact(score + 1);
    post(
        "/v1/automations",
        waitingMap(
            seg,
            "\"triggers\": [{\"segment\": {\"field\": \"contact.score\", \"op\": \"eq\", \"value\":"
                + " %d}}],".formatted(score)),
        201);
    runs(seg, before, "completed", 1);
    String segJob =
        (String)
            post("/v1/automations/" + seg + "/publish?enrollExisting=true", "", 200).get("jobId");
    assertThat(job(segJob, Duration.ofSeconds(90))).containsEntry("state", "completed");
    assertThat(outcomes(segJob))
        .containsEntry(in, "enrolled")
        .containsEntry(before, "already_enrolled")
        .containsEntry(out, "not_in_segment");
    assertThat(runIds(seg, before)).hasSize(1);
  }

  @Test
  void aPageTakenUpAfterACrashStartsNobodyTwice() throws Exception {
    String key = unique("resume");
    post("/v1/automations", waitingMap(key, ""), 201);
    post("/v1/automations/" + key + "/publish", "", 200);
    var live = catalog.active("default", key);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(contact(i));
    }
    String jobId = "job_" + key.replace('-', '_');
    transactions.executeWrite(
        status -> {
          Connection c = status.getConnection();
          try (var job =
                  c.prepareStatement(
                      "insert into bulk_jobs (id, account_id, automation_key, source, state)"
                          + " values (?, 'default', ?, cast(? as jsonb), 'running')");
              var target =
                  c.prepareStatement(
                      "insert into bulk_job_targets (job_id, contact_id) values (?, ?)")) {
            job.setString(1, jobId);
            job.setString(2, key);
            job.setString(3, MapJson.write(new BulkJobs.Source(null, null, null)));
            job.executeUpdate();
            for (String id : ids) {
              target.setString(1, jobId);
              target.setString(2, id);
              target.addBatch();
            }
            target.executeBatch();
          }
          return null;
        });
    // the page's first attempt, when the worker died: three runs started and recorded with their
    // outcomes (an earlier page, say), two recorded whose outcomes were not, two started in
    // Temporal whose group was never written, the rest not reached
    List<String> sorted = ids.stream().sorted().toList();
    Map<String, String> startedRuns = new HashMap<>();
    List<EnrollmentService.Started> recorded = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String contactId = sorted.get(i);
      var started =
          enrollments.start(
              "default",
              live.version(),
              live.map(),
              contactId,
              null,
              null,
              "bulk/" + jobId + "/" + contactId);
      startedRuns.put(contactId, started.runId());
      if (i < 5) {
        recorded.add(started);
      }
    }
    transactions.executeWrite(
        status -> {
          enrollments.recordStarted(recorded);
          Connection c = status.getConnection();
          try (var outcome =
                  c.prepareStatement(
                      "insert into bulk_job_outcomes (job_id, contact_id, outcome)"
                          + " values (?, ?, 'enrolled')");
              var counts = c.prepareStatement("update bulk_jobs set enrolled = 3 where id = ?")) {
            for (var r : recorded.subList(0, 3)) {
              outcome.setString(1, jobId);
              outcome.setString(2, r.contactId());
              outcome.addBatch();
            }
            outcome.executeBatch();
            counts.setString(1, jobId);
            counts.executeUpdate();
          }
          return null;
        });

    WorkflowClient.start(
        temporal.newWorkflowStub(
                BulkEnrollmentRun.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(BulkJobs.workflowId("default", key, jobId))
                    .setTaskQueue(temporalConfig.taskQueue())
                    .build())
            ::run,
        new BulkEnrollmentRun.Input(jobId, null));
    var done = job(jobId, Duration.ofSeconds(60));
    assertThat(done)
        .containsEntry("state", "completed")
        .containsEntry("total", 10)
        .containsEntry("enrolled", 10)
        .containsEntry("failed", 0)
        .containsEntry("skipped", Map.of());
    for (String contactId : ids) {
      List<String> runs = runIds(key, contactId);
      assertThat(runs).as("the runs of " + contactId).hasSize(1);
      if (startedRuns.containsKey(contactId)) {
        assertThat(runs.getFirst())
            .as("the run started before the crash is the one kept")
            .isEqualTo(startedRuns.get(contactId));
      }
      String workflowId = EnrollmentService.workflowId("default", key, contactId);
      assertThat(
              temporal
                  .newUntypedWorkflowStub(workflowId)
                  .describe()
                  .getWorkflowExecutionInfo()
                  .getExecution()
                  .getRunId())
          .as("Temporal's run of " + workflowId)
          .isEqualTo(runs.getFirst());
    }
    assertThat(outcomes(jobId).values()).hasSize(10).containsOnly("enrolled");
    for (String contactId : ids) {
      assertThat(enrolledEvents(key, contactId))
          .as("the automation.enrolled of " + contactId + ", raised with its record")
          .isEqualTo(1);
    }
    var stats = body(call(auth(HttpRequest.GET("/v1/automations/" + key + "/stats?version=1"))));
    assertThat(stats).containsEntry("enrolled", 10);
  }

  /** Stores {@code n} runs of the contact in the automation, in that state, started just now. */
  private void runs(String key, String contactId, String state, int n) {
    transactions.executeWrite(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "insert into enrollments (workflow_id, run_id, account_id, automation_key,"
                          + " version, contact_id, state, started_at) values (?, ?, 'default', ?,"
                          + " 1, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
              ps.setString(1, EnrollmentService.workflowId("default", key, contactId));
              ps.setString(2, "run-" + i + "-" + contactId);
              ps.setString(3, key);
              ps.setString(4, contactId);
              ps.setString(5, state);
              ps.setTimestamp(6, Timestamp.from(Instant.now().minusSeconds(60)));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  private long enrolledEvents(String key, String contactId) {
    return transactions.executeRead(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "select count(*) from events where account_id = 'default' and contact_id = ?"
                          + " and type = 'automation.enrolled' and data->>'automationKey' = ?")) {
            ps.setString(1, contactId);
            ps.setString(2, key);
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private List<String> runIds(String key, String contactId) {
    return transactions.executeRead(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "select run_id from enrollments where workflow_id = ? order by run_id")) {
            ps.setString(1, EnrollmentService.workflowId("default", key, contactId));
            List<String> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  private Map<String, String> outcomes(String jobId) {
    return transactions.executeRead(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "select contact_id, outcome from bulk_job_outcomes where job_id = ?")) {
            ps.setString(1, jobId);
            Map<String, String> out = new HashMap<>();
            try (var rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
              }
            }
            return out;
          }
        });
  }
}
