package dev.automap.workers.run;

/**
 * What a wait needs of the contact: its time zone (null when unset) and the value of a date field
 * (null when empty), as text.
 */
public record WaitFacts(String timezone, String value) {}
