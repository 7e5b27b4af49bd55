package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.LocalTime;

/**
 * Hours in which messages are held until the hours end; {@code to} before {@code from} spans
 * midnight.
 */
@JsonClassDescription("Messages that would go out inside these hours are held until they end")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuietHours(
    @JsonPropertyDescription("local time quiet hours start, HH:mm") LocalTime from,
    @JsonPropertyDescription("local time quiet hours end, HH:mm") LocalTime to,
    @JsonPropertyDescription("IANA zone, or \"contact\" for the contact's own; default the map's")
        String timezone) {}
