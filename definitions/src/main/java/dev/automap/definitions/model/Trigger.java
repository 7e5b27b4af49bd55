package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One way a contact enters a map: an event, a segment, a schedule or a date. Its JSON form decides
 * its kind, by the field {@code event}, {@code segment}, {@code schedule} or {@code date}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({
  @JsonSubTypes.Type(EventTrigger.class),
  @JsonSubTypes.Type(SegmentTrigger.class),
  @JsonSubTypes.Type(ScheduleTrigger.class),
  @JsonSubTypes.Type(DateTrigger.class),
})
public sealed interface Trigger
    permits EventTrigger, SegmentTrigger, ScheduleTrigger, DateTrigger {}
