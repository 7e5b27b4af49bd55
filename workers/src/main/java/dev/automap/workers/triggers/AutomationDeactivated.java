package dev.automap.workers.triggers;

/** An automation stopped taking enrollments (paused, archived, unpublished): its schedules stop. */
public record AutomationDeactivated(String accountId, String automationKey) {}
