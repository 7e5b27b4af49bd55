package dev.automap.definitions.model;

/**
 * A step a step can go to. {@code field} is the JSON Pointer of the field naming it, relative to
 * the step (e.g. {@code /branches/0/next}).
 */
public record Successor(String field, String step) {}
