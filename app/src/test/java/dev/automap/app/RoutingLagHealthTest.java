package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.embedded.EmbeddedServices;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The routing lag on {@code /health}: how long the oldest stored event not yet routed has waited,
 * as an operator reads it while an event waits and after the app has routed it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingLagHealthTest extends ApiTestSupport {

  private EmbeddedServices services;
  @Inject TransactionOperations<Connection> transactions;

  /**
   * A stack of its own: its outbox holds only this test's events, whatever other tests leave
   * unrouted. Stored events left unrouted are looked for every second.
   */
  @Override
  public Map<String, String> getProperties() {
    services = EmbeddedStack.ownTemporal();
    Map<String, String> props = EmbeddedStack.properties(services);
    props.put("automap.convergence.every", "1s");
    return props;
  }

  @AfterAll
  void stop() {
    services.close();
  }

  @Test
  void anEventLeftUnroutedShowsItsAgeAsTheLagUntilItIsRouted() throws Exception {
    String key = unique("lag");
    post(
        "/v1/automations",
        """
        {"key": "%s", "start": "tag", "triggers": [{"event": "order.placed"}],
         "steps": [{"id": "tag", "type": "add_tags", "tags": ["ordered"]}]}"""
            .formatted(key),
        201);
    post("/v1/automations/" + key + "/publish", "", 200);
    String contactId = contact(1);
    EventRoutingApiTest.eventually("nothing waits to be routed", () -> lag() < 2);

    // as a process leaves an event it stored two minutes ago and claimed for routing, then stopped:
    // nobody routes it before its claim runs out, in 8 s
    String eventId = unique("evt_left");
    transactions.executeWrite(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement(
                      """
                      with stored as (
                        insert into events
                          (id, account_id, type, contact_id, occurred_at, data, source, created_at)
                        values (?, 'default', 'order.placed', ?, now(), '{}', '{"via":"api"}',
                          now() - interval '2 minutes')
                        returning account_id, id, created_at)
                      insert into event_outbox (account_id, id, created_at, routing_until)
                      select account_id, id, created_at, now() + interval '8 seconds'
                      from stored""")) {
            ps.setString(1, eventId);
            ps.setString(2, contactId);
            assertThat(ps.executeUpdate()).isEqualTo(1);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
          return null;
        });

    double waiting = lag();
    assertThat(tags(contactId))
        .as("routed already: the lag read is not of a waiting event")
        .isEmpty();
    assertThat(waiting).as("routingLagSeconds while the event waits").isBetween(120.0, 180.0);

    // once its claim runs out the app routes it, and the lag falls back
    EventRoutingApiTest.eventually("the event routed", () -> tags(contactId).contains("ordered"));
    EventRoutingApiTest.eventually("the lag back to about 0", () -> lag() < 2);
    assertThat(unrouted(eventId)).isZero();
  }

  /** {@code routingLagSeconds} as /health tells it to a caller with the key. */
  @SuppressWarnings("unchecked")
  double lag() {
    var health = body(call(auth(HttpRequest.GET("/health"))));
    var jdbc = (Map<String, Object>) ((Map<String, Object>) health.get("details")).get("jdbc");
    assertThat(jdbc).containsEntry("status", "UP");
    var details = (Map<String, Object>) jdbc.get("details");
    assertThat(details).containsKey("routingLagSeconds");
    return ((Number) details.get("routingLagSeconds")).doubleValue();
  }

  @SuppressWarnings("unchecked")
  List<String> tags(String contactId) {
    Object tags = get("/v1/contacts/" + contactId).get("tags");
    return tags == null ? List.of() : (List<String>) tags;
  }

  int unrouted(String eventId) {
    return transactions.executeRead(
        status -> {
          try (var ps =
              status
                  .getConnection()
                  .prepareStatement("select count(*) from event_outbox where id = ?")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
