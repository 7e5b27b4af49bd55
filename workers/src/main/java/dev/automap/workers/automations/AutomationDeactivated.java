package dev.automap.workers.automations;

/** An automation stopped taking enrollments (paused, archived, unpublished): its schedules stop. */
public record AutomationDeactivated(String accountId, String automationKey) {}
