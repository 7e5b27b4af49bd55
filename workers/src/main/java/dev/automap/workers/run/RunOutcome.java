package dev.automap.workers.run;

/**
 * How a run ended: {@code completed}, {@code exited} or {@code failed} (runs recorded before runs
 * could end as failed say {@code completed} for those), with the reason.
 */
public record RunOutcome(String state, String reason, String lastStep) {}
