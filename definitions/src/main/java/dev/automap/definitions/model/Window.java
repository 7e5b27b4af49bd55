package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.time.LocalTime;
import java.util.List;

/** Opening hours of a wait: on these days, from one local time to another. */
@JsonClassDescription("On these days, between two local times; `to` before `from` spans midnight")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Window(
    @JsonPropertyDescription("days the window is open; absent = every day") List<Weekday> days,
    @JsonPropertyDescription("local time the window opens, HH:mm") LocalTime from,
    @JsonPropertyDescription("local time the window closes, HH:mm") LocalTime to) {}
