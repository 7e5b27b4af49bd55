package dev.automap.workers.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.problems.Problem;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an account sets once for all its maps ({@code GET/PUT /v1/settings}): {@code frequencyCaps}
 * per channel ({@code {"email": {"max": 3, "per": "P7D"}}}), default {@code quietHours} ({@code
 * {"from": "21:00", "to": "08:00", "timezone": "contact"}}) and the sender address {@code from}.
 * Kept as one JSON document per account; an account that set nothing has none of them.
 */
@Singleton
public class AccountSettings {
  /** The channels a cap may be set for: the ones that reach the contact. */
  public static final Set<String> CAPPED_CHANNELS = Set.of("email", "sms", "whatsapp");

  static final Duration SHORTEST_WINDOW = Duration.ofMinutes(1);
  static final Duration LONGEST_WINDOW = Duration.ofDays(366);

  private final JdbcOperations jdbc;

  public AccountSettings(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** A cap: at most {@code max} messages of its channel to a contact within {@code per}. */
  public record Cap(int max, Duration per) {}

  /** Settings that could not be kept: each problem names its place (a JSON Pointer). */
  public static class InvalidSettings extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidSettings(List<Problem> problems) {
      super(problems.toString());
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** The account's settings as set: an empty object when it set nothing. */
  @Transactional
  public ObjectNode get(String accountId) {
    return jdbc.prepareStatement(
        "select settings::text from account_settings where account_id = ?",
        ps -> {
          ps.setString(1, accountId);
          try (var rs = ps.executeQuery()) {
            if (!rs.next()) {
              return MapJson.mapper().createObjectNode();
            }
            try {
              return (ObjectNode) MapJson.mapper().readTree(rs.getString(1));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
              throw new IllegalStateException("stored settings are not JSON", e);
            }
          }
        });
  }

  /**
   * Replaces the account's settings after checking every field.
   *
   * @throws InvalidSettings naming each problem
   */
  @Transactional
  public ObjectNode put(String accountId, JsonNode settings) {
    List<Problem> problems = check(settings);
    if (!problems.isEmpty()) {
      throw new InvalidSettings(problems);
    }
    ObjectNode kept = (ObjectNode) settings.deepCopy();
    jdbc.prepareStatement(
        """
        insert into account_settings (account_id, settings, updated_at)
        values (?, ?::jsonb, now())
        on conflict (account_id) do update set settings = excluded.settings, updated_at = now()""",
        ps -> {
          ps.setString(1, accountId);
          ps.setString(2, MapJson.write(kept));
          return ps.executeUpdate();
        });
    return kept;
  }

  /** The cap the account set for the channel, if any. */
  public Optional<Cap> capOf(String accountId, String channel) {
    JsonNode cap = get(accountId).path("frequencyCaps").path(channel);
    if (!cap.isObject()) {
      return Optional.empty();
    }
    return Optional.of(new Cap(cap.path("max").asInt(), Duration.parse(cap.path("per").asText())));
  }

  /** The sender address the account set, if any. */
  public Optional<String> from(String accountId) {
    JsonNode from = get(accountId).path("from");
    return from.isTextual() && !from.asText().isBlank()
        ? Optional.of(from.asText())
        : Optional.empty();
  }

  /** Every problem of a settings document, each with its JSON Pointer. */
  static List<Problem> check(JsonNode settings) {
    List<Problem> problems = new ArrayList<>();
    if (settings == null || !settings.isObject()) {
      problems.add(new Problem("", "settings are an object"));
      return problems;
    }
    for (Iterator<String> names = settings.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("frequencyCaps", "quietHours", "from").contains(name)) {
        problems.add(
            new Problem("/" + name, "unknown setting: use frequencyCaps, quietHours or from"));
      }
    }
    JsonNode caps = settings.get("frequencyCaps");
    if (caps != null && !caps.isNull()) {
      if (!caps.isObject()) {
        problems.add(new Problem("/frequencyCaps", "an object of caps by channel"));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = caps.fields(); it.hasNext(); ) {
          var entry = it.next();
          checkCap("/frequencyCaps/" + entry.getKey(), entry.getKey(), entry.getValue(), problems);
        }
      }
    }
    JsonNode quiet = settings.get("quietHours");
    if (quiet != null && !quiet.isNull()) {
      checkQuietHours(quiet, problems);
    }
    JsonNode from = settings.get("from");
    if (from != null && !from.isNull()) {
      if (!from.isTextual() || !isAddress(from.asText())) {
        problems.add(new Problem("/from", "an email address, such as \"Acme <hi@acme.test>\""));
      }
    }
    return problems;
  }

  private static void checkCap(String at, String channel, JsonNode cap, List<Problem> problems) {
    if (!CAPPED_CHANNELS.contains(channel)) {
      problems.add(new Problem(at, "no cap for this channel: use email, sms or whatsapp"));
      return;
    }
    if (!cap.isObject()) {
      problems.add(new Problem(at, "a cap is {\"max\": 3, \"per\": \"P7D\"}"));
      return;
    }
    JsonNode max = cap.get("max");
    if (max == null || !max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 0) {
      problems.add(new Problem(at + "/max", "required: a whole number, 0 or more"));
    }
    JsonNode per = cap.get("per");
    if (per == null || !per.isTextual()) {
      problems.add(new Problem(at + "/per", "required: an ISO-8601 duration such as P7D"));
    } else {
      try {
        Duration window = Duration.parse(per.asText());
        if (window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
          problems.add(new Problem(at + "/per", "between PT1M and P366D"));
        }
      } catch (DateTimeParseException e) {
        problems.add(new Problem(at + "/per", "an ISO-8601 duration such as P7D or PT12H"));
      }
    }
    for (Iterator<String> names = cap.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("max") && !name.equals("per")) {
        problems.add(new Problem(at + "/" + name, "unknown: a cap has max and per"));
      }
    }
  }

  private static void checkQuietHours(JsonNode quiet, List<Problem> problems) {
    if (!quiet.isObject()) {
      problems.add(new Problem("/quietHours", "{\"from\": \"21:00\", \"to\": \"08:00\"}"));
      return;
    }
    for (String end : List.of("from", "to")) {
      JsonNode time = quiet.get(end);
      try {
        if (time == null || !time.isTextual()) {
          throw new DateTimeException("missing");
        }
        LocalTime.parse(time.asText());
      } catch (DateTimeException e) {
        problems.add(new Problem("/quietHours/" + end, "required: a local time, HH:mm"));
      }
    }
    JsonNode zone = quiet.get("timezone");
    if (zone != null && !zone.isNull() && !"contact".equals(zone.asText())) {
      try {
        ZoneId.of(zone.asText());
      } catch (DateTimeException e) {
        problems.add(
            new Problem("/quietHours/timezone", "an IANA zone such as Europe/Paris, or contact"));
      }
    }
  }

  private static boolean isAddress(String text) {
    try {
      var address = new jakarta.mail.internet.InternetAddress(text, true);
      return address.getAddress() != null && address.getAddress().contains("@");
    } catch (jakarta.mail.internet.AddressException e) {
      return false;
    }
  }
}
