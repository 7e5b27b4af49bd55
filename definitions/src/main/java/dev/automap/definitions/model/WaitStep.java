package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the contact until an instant, given in exactly one form (see {@link Form}); {@code at} also
 * refines {@code untilField} and {@code weekdays}.
 */
@JsonClassDescription(
    "Holds the contact until an instant: exactly one of duration, until, untilField (+ offset, at),"
        + " at, weekdays + at, window")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaitStep(
    @JsonPropertyDescription("unique step id") String id,
    @JsonPropertyDescription("label") String name,
    @JsonPropertyDescription("ISO-8601 duration to wait, e.g. PT1H, P2D") Duration duration,
    @JsonPropertyDescription("ISO-8601 instant to wait until") Instant until,
    @JsonPropertyDescription("path of a date field to wait until, e.g. contact.fields.renewal")
        String untilField,
    @JsonPropertyDescription("ISO-8601 duration added to untilField; negative = before")
        Duration offset,
    @JsonPropertyDescription(
            "local time HH:mm: alone, the next such time; with untilField or weekdays, that time on the day")
        LocalTime at,
    @JsonPropertyDescription("days to wait for (with at), e.g. [\"MON\", \"FRI\"]")
        List<Weekday> weekdays,
    @JsonPropertyDescription("continue at once inside the window, else at its next start")
        Window window,
    @JsonPropertyDescription("IANA zone or \"contact\"; default the map's") String timezone,
    @JsonPropertyDescription("when the date is past or empty: continue (default) or end")
        IfPast ifPast,
    @JsonPropertyDescription("id of the step after this one; absent = this path ends") String next)
    implements FlowStep {

  /** The ways a wait names its instant. */
  public enum Form {
    DURATION,
    UNTIL,
    UNTIL_FIELD,
    AT,
    WEEKDAYS,
    WINDOW
  }

  /** A wait of a fixed duration. */
  public static WaitStep of(String id, Duration duration, String next) {
    return new WaitStep(id, null, duration, null, null, null, null, null, null, null, null, next);
  }

  /** The forms this wait uses; a valid wait uses exactly one. */
  public List<Form> forms() {
    List<Form> forms = new ArrayList<>(1);
    if (duration != null) {
      forms.add(Form.DURATION);
    }
    if (until != null) {
      forms.add(Form.UNTIL);
    }
    if (untilField != null) {
      forms.add(Form.UNTIL_FIELD);
    }
    if (weekdays != null) {
      forms.add(Form.WEEKDAYS);
    }
    if (at != null && untilField == null && weekdays == null) {
      forms.add(Form.AT);
    }
    if (window != null) {
      forms.add(Form.WINDOW);
    }
    return forms;
  }

  /** The single form of a valid wait, or null when it has none or several. */
  public Form form() {
    List<Form> forms = forms();
    return forms.size() == 1 ? forms.getFirst() : null;
  }

  public IfPast ifPastOrDefault() {
    return ifPast == null ? IfPast.CONTINUE : ifPast;
  }
}
