package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.automap.definitions.conditions.Condition;

/** At each cron time, enrolls every contact meeting {@code audience}. */
@JsonClassDescription("At each cron time, enrolls every contact meeting `audience`")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleTrigger(
    @JsonPropertyDescription(
            "5-field cron: minute hour day-of-month month day-of-week (MON-SUN or 0-6)")
        String schedule,
    @JsonPropertyDescription("IANA zone the cron reads in; default the map's") String timezone,
    @JsonPropertyDescription("contacts to enroll; absent = every contact") Condition audience)
    implements Trigger {}
