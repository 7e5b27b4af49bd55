package dev.automap.workers.run;

/**
 * Marks the implementations of the activity interfaces {@link AutomationRunImpl} calls besides the
 * actions (facts, enrollments, drip): the worker registers every bean carrying it.
 */
public interface RunActivities {}
