package dev.automap.workers.automations;

/**
 * An automation was published, paused or resumed: what routes events and schedules triggers must
 * look again. {@code version} is the active version (null when none).
 */
public record AutomationChanged(String accountId, String key, String status, Integer version) {}
