package dev.automap.workers.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.events.ContactEvent;
import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Ids;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inbound webhooks: each hook has a secret id that names its account. A call raises {@code
 * webhook.received} with the body as {@code event.data.body}; the contact is the one the body names
 * ({@code contactId}, {@code email}, {@code phone}, or {@code contact: {…}}), created when new. A
 * body naming no contact is kept as an account event and enrolls no one.
 */
@Singleton
public class InboundHooks {
  /** A hook as listed. */
  public record Hook(String hookId, String name, Instant createdAt) {}

  private final JdbcOperations jdbc;
  private final EventIngestion ingestion;
  private final EventLog events;

  public InboundHooks(JdbcOperations jdbc, EventIngestion ingestion, EventLog events) {
    this.jdbc = jdbc;
    this.ingestion = ingestion;
    this.events = events;
  }

  @Transactional
  public Hook create(String accountId, String name) {
    String id = Ids.next("hook");
    Instant now = Instant.now();
    jdbc.prepareStatement(
        "insert into hooks (hook_id, account_id, name, created_at) values (?, ?, ?, ?)",
        ps -> {
          ps.setString(1, id);
          ps.setString(2, accountId);
          ps.setString(3, name);
          ps.setTimestamp(4, java.sql.Timestamp.from(now));
          return ps.executeUpdate();
        });
    return new Hook(id, name, now);
  }

  @Transactional
  public List<Hook> list(String accountId) {
    return jdbc.prepareStatement(
        "select hook_id, name, created_at from hooks where account_id = ? order by created_at",
        ps -> {
          ps.setString(1, accountId);
          List<Hook> hooks = new ArrayList<>();
          try (var rs = ps.executeQuery()) {
            while (rs.next()) {
              hooks.add(new Hook(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
          }
          return hooks;
        });
  }

  /** The account and name of a hook, when it exists. */
  @Transactional
  public Optional<String[]> find(String hookId) {
    return jdbc.prepareStatement(
        "select account_id, name from hooks where hook_id = ?",
        ps -> {
          ps.setString(1, hookId);
          try (var rs = ps.executeQuery()) {
            return rs.next()
                ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
                : Optional.<String[]>empty();
          }
        });
  }

  /**
   * Raises {@code webhook.received} for a call of the hook.
   *
   * @return what became of the event, or empty when there is no such hook
   */
  public Optional<EventIngestion.Outcome> receive(String hookId, JsonNode body) {
    Optional<String[]> hook = find(hookId);
    if (hook.isEmpty()) {
      return Optional.empty();
    }
    String accountId = hook.get()[0];
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("hookId", hookId);
    data.put("name", hook.get()[1]);
    data.set("body", body == null ? JsonNodeFactory.instance.nullNode() : body);
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", "webhook.received");
    event.set("data", data);
    if (body != null && body.isObject()) {
      if (body.hasNonNull("contactId")) {
        event.set("contactId", body.get("contactId"));
      } else if (body.hasNonNull("contact") && body.get("contact").isObject()) {
        event.set("contact", body.get("contact"));
      } else if (body.hasNonNull("email") || body.hasNonNull("phone")) {
        ObjectNode contact = event.putObject("contact");
        for (String field : List.of("email", "phone", "firstName", "lastName")) {
          if (body.hasNonNull(field)) {
            contact.set(field, body.get(field));
          }
        }
      }
    }
    if (!event.has("contactId") && !event.has("contact")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> values = MapJson.mapper().convertValue(data, Map.class);
      ContactEvent stored =
          new ContactEvent(Ids.next("evt"), "webhook.received", null, Instant.now(), values);
      events.record(accountId, stored, EventSource.ingest());
      return Optional.of(
          new EventIngestion.Outcome(stored.id(), false, List.of(), List.of(), List.of()));
    }
    return Optional.of(ingestion.ingest(accountId, event, ""));
  }
}
