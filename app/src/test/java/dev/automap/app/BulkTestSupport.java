package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micronaut.http.HttpRequest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the bulk enrollment tests share: a fast rate, requests, a list of contacts made by SQL. */
abstract class BulkTestSupport extends ApiTestSupport {

  @Inject TransactionOperations<Connection> transactions;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>(super.getProperties());
    properties.put("automap.bulk.rate", "5000");
    properties.put("automap.bulk.max-page", "50");
    properties.put("automap.bulk.concurrency", "16");
    // pages of 50: a list of 120 takes three
    return properties;
  }

  Map<String, Object> job(String id, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      var job = body(call(auth(HttpRequest.GET("/v1/jobs/" + id))));
      if (!"running".equals(job.get("state"))) {
        return job;
      }
      if (Instant.now().isAfter(deadline)) {
        fail("job " + id + " still running after " + within + ": " + job);
      }
      Thread.sleep(200);
    }
  }

  /**
   * Waits until the events stored about these contacts (their creation, their changes) have been
   * routed: routing is asynchronous, and a segment trigger hearing a contact after a job has
   * started would enroll it before the job does.
   */
  void routed(List<String> contactIds, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      long waiting =
          transactions.executeRead(
              status -> {
                Connection c = status.getConnection();
                try (var ps =
                    c.prepareStatement(
                        """
                        select count(*) from event_outbox o join events e
                          on e.account_id = o.account_id and e.id = o.id
                        where e.contact_id = any (?)""")) {
                  ps.setArray(1, c.createArrayOf("text", contactIds.toArray()));
                  try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                  }
                }
              });
      if (waiting == 0) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        fail(waiting + " events of " + contactIds + " still unrouted after " + within);
      }
      Thread.sleep(50);
    }
  }

  static String waitingMap(String key, String trigger) {
    return """
        {"key": "%s", %s "start": "hold", "steps": [
          {"id": "hold", "type": "wait", "duration": "P30D", "next": "done"},
          {"id": "done", "type": "end"}]}"""
        .formatted(key, trigger);
  }

  /** A job done: its automation and its id. */
  record Done(String key, String jobId) {}

  /** Enrolls the {@code n} contacts of a new list through one job and checks its counts. */
  Done enrollsAList(int n, Duration within) throws Exception {
    String key = unique("bulk");
    post("/v1/automations", waitingMap(key, ""), 201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String list = unique("list");
    transactions.executeWrite(
        status -> {
          Connection c = status.getConnection();
          String listId = "list_" + list;
          try (var contacts =
                  c.prepareStatement(
                      "insert into contacts (id, account_id) values (?, 'default')");
              var lists =
                  c.prepareStatement(
                      "insert into lists (id, account_id, name) values (?, 'default', ?)");
              var members =
                  c.prepareStatement(
                      "insert into list_members (list_id, contact_id) values (?, ?)")) {
            lists.setString(1, listId);
            lists.setString(2, list);
            lists.executeUpdate();
            for (int i = 0; i < n; i++) {
              String id = "c_" + list + "_" + i;
              contacts.setString(1, id);
              contacts.addBatch();
              members.setString(1, listId);
              members.setString(2, id);
              members.addBatch();
            }
            contacts.executeBatch();
            members.executeBatch();
          }
          return null;
        });

    long started = System.nanoTime();
    String jobId =
        (String)
            post("/v1/automations/" + key + "/enrollments/bulk", Map.of("list", list), 202)
                .get("jobId");
    var done = job(jobId, within);
    System.out.printf(
        "bulk job of %d contacts took %d ms%n", n, (System.nanoTime() - started) / 1_000_000);
    assertThat(done)
        .containsEntry("state", "completed")
        .containsEntry("total", n)
        .containsEntry("enrolled", n)
        .containsEntry("failed", 0)
        .containsEntry("skipped", Map.of());
    var stats = body(call(auth(HttpRequest.GET("/v1/automations/" + key + "/stats?version=1"))));
    assertThat(stats).containsEntry("enrolled", n);
    return new Done(key, jobId);
  }
}
