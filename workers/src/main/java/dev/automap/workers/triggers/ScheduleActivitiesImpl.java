package dev.automap.workers.triggers;

import dev.automap.definitions.model.ScheduleTrigger;
import dev.automap.workers.run.RunActivities;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Singleton
public class ScheduleActivitiesImpl implements ScheduleActivities, RunActivities {
  private final ContactPages pages;
  private final TriggerEnrollment enrollment;

  public ScheduleActivitiesImpl(ContactPages pages, TriggerEnrollment enrollment) {
    this.pages = pages;
    this.enrollment = enrollment;
  }

  @Override
  public PageResult enrollPage(PageRequest r) {
    var live = enrollment.live(r.accountId(), r.automationKey());
    if (live.isEmpty()) {
      return new PageResult(0, 0, null, "automation " + r.automationKey() + " is not active");
    }
    if (TriggerEnrollment.trigger(live.get(), r.triggerIndex(), ScheduleTrigger.class).isEmpty()) {
      return new PageResult(
          0,
          0,
          null,
          "the live version of "
              + r.automationKey()
              + " has no schedule trigger "
              + r.triggerIndex());
    }
    List<String> ids =
        pages.idsAfter(
            r.accountId(), r.afterContactId() == null ? "" : r.afterContactId(), r.pageSize());
    String triggerId =
        Triggers.scheduleWorkflowId(r.accountId(), r.automationKey(), r.triggerIndex());
    String fireKey = triggerId + "/" + r.fireAt().toEpochMilli();
    int enrolled = 0;
    int skipped = 0;
    for (String contactId : ids) {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("id", fireKey + "/" + contactId);
      event.put("type", "schedule.fired");
      event.put("contactId", contactId);
      event.put("occurredAt", r.fireAt().toString());
      event.put(
          "data",
          Map.of(
              "trigger",
              r.triggerIndex(),
              "schedule",
              live.get().map().triggers().get(r.triggerIndex()) instanceof ScheduleTrigger s
                  ? s.schedule()
                  : ""));
      var result =
          enrollment.enroll(
              live.get(),
              r.accountId(),
              contactId,
              r.audience(),
              r.fireAt(),
              fireKey + "/" + contactId,
              event);
      if (result.enrolled()) {
        enrolled++;
      } else {
        skipped++;
      }
    }
    String next = ids.size() < r.pageSize() || ids.isEmpty() ? null : ids.getLast();
    return new PageResult(enrolled, skipped, next, null);
  }
}
