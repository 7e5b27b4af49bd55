package dev.automap.workers.automations;

/** A version of an automation became the live one: its schedule and date triggers start. */
public record AutomationPublished(String accountId, String automationKey, int version) {}
