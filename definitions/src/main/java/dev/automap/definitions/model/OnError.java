package dev.automap.definitions.model;

/** Where a run goes when an action fails after its retries: {@code end}, {@code continue} or a step id. */
public record OnError(String then) {}
