package dev.automap.workers.run;

/** How a run ended: {@code completed} or {@code exited}, with the reason for an exit. */
public record RunOutcome(String state, String reason, String lastStep) {}
