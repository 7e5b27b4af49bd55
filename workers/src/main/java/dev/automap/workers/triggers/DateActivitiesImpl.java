package dev.automap.workers.triggers;

import dev.automap.definitions.model.DateTrigger;
import dev.automap.definitions.model.Repeat;
import dev.automap.workers.run.RunActivities;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Singleton
public class DateActivitiesImpl implements DateActivities, RunActivities {
  private final TriggerEnrollment enrollment;
  private final ContactPages pages;
  private final TriggerScheduler scheduler;

  public DateActivitiesImpl(
      TriggerEnrollment enrollment, ContactPages pages, TriggerScheduler scheduler) {
    this.enrollment = enrollment;
    this.pages = pages;
    this.scheduler = scheduler;
  }

  @Override
  public Armed arm(
      String accountId,
      String automationKey,
      String contactId,
      int triggerIndex,
      Instant now,
      Instant firedAt) {
    var live = enrollment.live(accountId, automationKey);
    if (live.isEmpty()) {
      return new Armed(null, null, false, true, "automation " + automationKey + " is not active");
    }
    var trigger = TriggerEnrollment.trigger(live.get(), triggerIndex, DateTrigger.class);
    if (trigger.isEmpty()) {
      return new Armed(
          null, null, false, true, "the live version has no date trigger " + triggerIndex);
    }
    DateTrigger t = trigger.get();
    boolean yearly = t.repeatOrDefault() == Repeat.YEARLY;
    var facts = enrollment.facts(accountId, contactId, Map.of(), now);
    if (facts.isEmpty()) {
      return new Armed(null, t.date(), yearly, true, "no contact " + contactId);
    }
    Object value = TriggerEnrollment.read(facts.get(), t.date());
    if (value == null || value.toString().isBlank()) {
      return new Armed(null, t.date(), yearly, false, t.date() + " is empty");
    }
    ZoneId zone = TriggerEnrollment.zone(facts.get(), live.get().map().timezoneOrUtc());
    Instant at = DateTriggerTimes.next(value.toString(), t, zone, now, firedAt);
    if (at == null) {
      boolean readable = DateTriggerTimes.parse(value.toString(), zone) != null;
      return new Armed(
          null,
          t.date(),
          yearly,
          false,
          readable ? "the date has passed" : t.date() + " is not a date");
    }
    return new Armed(at, t.date(), yearly, false, null);
  }

  @Override
  public Fire fire(
      String triggerWorkflowId,
      String accountId,
      String automationKey,
      String contactId,
      int triggerIndex,
      Instant fireAt) {
    var live = enrollment.live(accountId, automationKey);
    if (live.isEmpty()) {
      return new Fire(false, true, "automation " + automationKey + " is not active");
    }
    var trigger = TriggerEnrollment.trigger(live.get(), triggerIndex, DateTrigger.class);
    if (trigger.isEmpty()) {
      return new Fire(false, true, "the live version has no date trigger " + triggerIndex);
    }
    String key = triggerWorkflowId + "/" + fireAt.toEpochMilli();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", key);
    event.put("type", "date.reached");
    event.put("contactId", contactId);
    event.put("occurredAt", fireAt.toString());
    event.put("data", Map.of("trigger", triggerIndex, "field", trigger.get().date()));
    var result = enrollment.enroll(live.get(), accountId, contactId, null, fireAt, key, event);
    return new Fire(result.enrolled(), false, result.reason());
  }

  @Override
  public ArmedPage armPage(
      String accountId,
      String automationKey,
      int triggerIndex,
      String afterContactId,
      int pageSize) {
    var live = enrollment.live(accountId, automationKey);
    var trigger = live.flatMap(l -> TriggerEnrollment.trigger(l, triggerIndex, DateTrigger.class));
    if (trigger.isEmpty()) {
      return new ArmedPage(0, null, true);
    }
    List<String> ids =
        pages.idsAfter(accountId, afterContactId == null ? "" : afterContactId, pageSize);
    int armed = 0;
    Instant now = Instant.now();
    for (String contactId : ids) {
      var facts = enrollment.facts(accountId, contactId, Map.of(), now);
      if (facts.isPresent() && TriggerEnrollment.hasValue(facts.get(), trigger.get().date())) {
        scheduler.armDate(accountId, automationKey, contactId, triggerIndex, trigger.get().date());
        armed++;
      }
    }
    String next = ids.size() < pageSize || ids.isEmpty() ? null : ids.getLast();
    return new ArmedPage(armed, next, false);
  }
}
