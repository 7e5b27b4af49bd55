package dev.automap.definitions.conditions;

/** Holds when {@code not} does not. */
public record Not(Condition not) implements Condition {}
