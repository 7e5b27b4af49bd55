package dev.automap.definitions.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/** Holds the contact until an instant. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaitStep(String id, String name, String next, Duration duration) implements FlowStep {}
