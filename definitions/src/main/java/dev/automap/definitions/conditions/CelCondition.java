package dev.automap.definitions.conditions;

/** A Common Expression Language expression over contact, event, vars, account and now. */
public record CelCondition(String cel) implements Condition {}
