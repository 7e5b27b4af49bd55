package dev.automap.workers.triggers;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.model.Trigger;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactFacts;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.store.ContactNotFound;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** Enrolling a contact because a schedule or date trigger fired: the checks both kinds share. */
@Singleton
public class TriggerEnrollment {
  private final AutomationCatalog catalog;
  private final EnrollmentService enrollments;
  private final ContactFacts contacts;
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;
  private final ConditionEvaluator conditions = ConditionEvaluator.shared();

  public TriggerEnrollment(
      AutomationCatalog catalog, EnrollmentService enrollments, ContactFacts contacts) {
    this.catalog = catalog;
    this.enrollments = enrollments;
    this.contacts = contacts;
  }

  /** Whether a contact was enrolled, and if not, why. */
  public record Result(boolean enrolled, String reason) {}

  /** The automation's live version, or empty when it is not active (paused, archived, gone). */
  public Optional<AutomationCatalog.Saved> live(String accountId, String automationKey) {
    try {
      return Optional.of(catalog.active(accountId, automationKey));
    } catch (AutomationCatalog.NoSuchAutomation e) {
      return Optional.empty();
    }
  }

  /** The live version's trigger at {@code index} when it is of that kind. */
  public static <T extends Trigger> Optional<T> trigger(
      AutomationCatalog.Saved live, int index, Class<T> kind) {
    var triggers = live.map().triggers();
    return index >= 0 && index < triggers.size() && kind.isInstance(triggers.get(index))
        ? Optional.of(kind.cast(triggers.get(index)))
        : Optional.empty();
  }

  /** The contact's facts at {@code now}, or empty when the account has no such contact. */
  public Optional<Facts> facts(
      String accountId, String contactId, Map<String, Object> event, Instant now) {
    try {
      return Optional.of(contacts.load(accountId, contactId, Map.of(), event, now));
    } catch (ContactNotFound e) {
      return Optional.empty();
    }
  }

  /**
   * Enrolls the contact in the live version when it meets {@code audience} (null: anyone) and the
   * map's own audience. A contact with a live run, or enrolled before in a map that does not
   * re-enroll, is refused: not enrolled, not an error.
   *
   * @param actionKey what makes a retry harmless: once a run started under it, it is not started
   *     again
   * @param now the trigger's time, which conditions judge {@code now} as
   */
  public Result enroll(
      AutomationCatalog.Saved live,
      String accountId,
      String contactId,
      Condition audience,
      Instant now,
      String actionKey,
      Map<String, Object> event) {
    if (enrollments.startedBy(actionKey)) {
      return new Result(true, "enrolled by an earlier attempt");
    }
    Optional<Facts> facts = facts(accountId, contactId, event, now);
    if (facts.isEmpty()) {
      return new Result(false, "no contact " + contactId);
    }
    if (audience != null && !conditions.test(audience, facts.get())) {
      return new Result(false, "not in the trigger's audience");
    }
    Condition mapAudience = live.map().enrollmentOrDefault().audience();
    if (mapAudience != null && !conditions.test(mapAudience, facts.get())) {
      return new Result(false, "not in the automation's audience");
    }
    try {
      enrollments.enroll(accountId, live.version(), live.map(), contactId, event, null, actionKey);
      if (metrics != null) {
        // date.reached or schedule.fired: the trigger kind is the type's first word; no event: bulk
        String type = event == null ? "bulk" : String.valueOf(event.get("type"));
        metrics.enrollmentStarted(type.contains(".") ? type.substring(0, type.indexOf('.')) : type);
      }
      return new Result(true, "enrolled");
    } catch (EnrollmentService.EnrollmentRefused e) {
      return new Result(false, e.getMessage());
    }
  }

  /** The value at a dotted path such as {@code contact.fields.birthday}; null when absent. */
  public static Object read(Facts facts, String path) {
    Object node = facts.roots();
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(part);
    }
    return node;
  }

  /** Whether the contact has a value at {@code path} (a blank string is none). */
  public static boolean hasValue(Facts facts, String path) {
    Object value = read(facts, path);
    return value != null && !value.toString().isBlank();
  }

  /** The contact's own zone when it has a valid one, else {@code fallback}. */
  public static ZoneId zone(Facts facts, String fallback) {
    Object tz = read(facts, "contact.timezone");
    if (tz != null && !tz.toString().isBlank()) {
      try {
        return ZoneId.of(tz.toString());
      } catch (DateTimeException ignored) {
        // a zone the JDK does not know: the map's
      }
    }
    return ZoneId.of(fallback);
  }
}
