package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;
import java.time.LocalTime;

/** Enrolls when the date in a contact field, plus an offset, at a local time, is reached. */
@JsonClassDescription(
    "Enrolls when the date in a contact field (plus offset, at a local time) is reached")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DateTrigger(
    @JsonPropertyDescription("path of a date field, e.g. contact.fields.birthday") String date,
    @JsonPropertyDescription("ISO-8601 duration added to the date; negative = before")
        Duration offset,
    @JsonPropertyDescription("local time of day, HH:mm, in the map's zone") LocalTime at,
    @JsonPropertyDescription("none (default) or yearly") Repeat repeat)
    implements Trigger {

  public Repeat repeatOrDefault() {
    return repeat == null ? Repeat.NONE : repeat;
  }
}
