package dev.automap.definitions.conditions;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code { "event": TYPE, "where": C?, "fromStep": STEPID? }}: an event of that type about the
 * contact, for which {@code where} holds, and (with {@code fromStep}) caused by what that step of
 * the same run sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMatch(String event, Condition where, String fromStep) {}
