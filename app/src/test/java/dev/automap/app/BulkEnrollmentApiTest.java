package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.bulk.BulkJobs;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Bulk enrollment as one durable job: ids, a list in pages, a segment on publish. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkEnrollmentApiTest extends BulkTestSupport {

  @Inject WorkflowClient temporal;

  @Test
  void aListIsEnrolledPageByPage() throws Exception {
    var done = enrollsAList(120, Duration.ofMinutes(2));
    // three pages of 50 (the last short), taken by one bulk.page call within its slice
    var scheduled =
        temporal
            .fetchHistory(BulkJobs.workflowId("default", done.key(), done.jobId()))
            .getEvents()
            .stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
            .toList();
    assertThat(scheduled).containsExactly("bulk.count", "bulk.page", "bulk.finish");
    // each contact's outcome kept once, one run each
    assertThat(
            count(
                "select count(distinct contact_id) from bulk_job_outcomes"
                    + " where job_id = ? and outcome = 'enrolled'",
                done.jobId()))
        .isEqualTo(120);
    assertThat(count("select count(*) from enrollments where automation_key = ?", done.key()))
        .isEqualTo(120);
    assertThat(
            count(
                "select count(distinct contact_id) from enrollments where automation_key = ?",
                done.key()))
        .isEqualTo(120);
  }

  private long count(String sql, String arg) {
    return transactions.executeRead(
        status -> {
          try (var ps = status.getConnection().prepareStatement(sql)) {
            ps.setString(1, arg);
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  @Test
  @SuppressWarnings("unchecked")
  void idsAreEnrolledOnceEachAndSkippedContactsSayWhy() throws Exception {
    String key = unique("ids");
    post("/v1/automations", waitingMap(key, ""), 201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String first = contact(1);
    String second = contact(2);
    post("/v1/automations/" + key + "/enrollments", Map.of("contactId", second), 201);
    String jobId =
        (String)
            post(
                    "/v1/automations/" + key + "/enrollments/bulk",
                    Map.of("contactIds", List.of(first, second, "c_nobody", first)),
                    202)
                .get("jobId");
    var done = job(jobId, Duration.ofSeconds(60));
    assertThat(done)
        .containsEntry("state", "completed")
        .containsEntry("total", 3)
        .containsEntry("enrolled", 1)
        .containsEntry("failed", 0)
        .as("the map enrolls a contact once, ever: the one enrolled by hand is skipped")
        .containsEntry("skipped", Map.of("already_enrolled", 1, "no_contact", 1));

    assertThat(
            call(auth(HttpRequest.POST("/v1/automations/" + key + "/enrollments/bulk", Map.of())))
                .code())
        .isEqualTo(400);
    var empty =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/automations/" + key + "/enrollments/bulk",
                    Map.of("contactIds", List.of()))));
    assertThat(empty.code()).isEqualTo(400);
    assertThat(body(empty).get("errors").toString()).contains("path=/contactIds");
    assertThat(
            call(auth(
                    HttpRequest.POST(
                        "/v1/automations/" + key + "/enrollments/bulk",
                        Map.of("list", "no-such-list"))))
                .code())
        .isEqualTo(422);
    assertThat(call(auth(HttpRequest.GET("/v1/jobs/job_nothing"))).code()).isEqualTo(404);
  }

  @Test
  @SuppressWarnings("unchecked")
  void publishWithEnrollExistingBackfillsTheSegment() throws Exception {
    String key = unique("seg");
    int score = 1_000_000 + (int) (Math.random() * 1_000_000);
    String in1 = contact(score);
    String in2 = contact(score);
    String out = contact(score - 1);
    routed(List.of(in1, in2, out), Duration.ofSeconds(30));
    post(
        "/v1/automations",
        waitingMap(
            key,
            "\"triggers\": [{\"segment\": {\"field\": \"contact.score\", \"op\": \"eq\", \"value\": %d}}],"
                .formatted(score)),
        201);
    var published = post("/v1/automations/" + key + "/publish?enrollExisting=true", "", 200);
    String jobId = (String) published.get("jobId");
    assertThat(jobId).isNotNull();
    var done = job(jobId, Duration.ofSeconds(90));
    assertThat(done).containsEntry("state", "completed").containsEntry("enrolled", 2);
    assertThat(((Map<String, Object>) done.get("skipped")).get("not_in_segment")).isNotNull();
    var running =
        (List<Map<String, Object>>)
            body(call(
                    auth(HttpRequest.GET("/v1/automations/" + key + "/enrollments?state=running"))))
                .get("items");
    assertThat(running).extracting(m -> m.get("contactId")).containsExactlyInAnyOrder(in1, in2);

    String plain = unique("plain");
    post("/v1/automations", waitingMap(plain, ""), 201);
    assertThat(
            call(auth(
                    HttpRequest.POST(
                        "/v1/automations/" + plain + "/publish?enrollExisting=true", "")))
                .code())
        .as("no segment trigger to backfill")
        .isEqualTo(422);
  }
}
