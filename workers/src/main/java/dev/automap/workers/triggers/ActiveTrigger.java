package dev.automap.workers.triggers;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A schedule or date trigger of an automation's published version. */
@MappedEntity("active_triggers")
public record ActiveTrigger(
    @Id String id,
    String accountId,
    String automationKey,
    int triggerIndex,
    String kind,
    int version,
    @Nullable String field) {

  public static final String SCHEDULE = "schedule";
  public static final String DATE = "date";

  public static String idOf(String accountId, String automationKey, int triggerIndex) {
    return accountId + ":" + automationKey + ":" + triggerIndex;
  }
}
