package dev.automap.workers.triggers;

import java.time.Instant;

/**
 * What the {@code status} query of a schedule trigger answers.
 *
 * @param state {@code sleeping} (until {@code nextFireAt}), {@code firing} (see {@code firing}),
 *     {@code stopped} or {@code ended} (the cron has no further time)
 * @param fires fires completed since the workflow first started
 */
public record ScheduleStatus(
    String state,
    int version,
    String schedule,
    String timezone,
    Instant nextFireAt,
    ScheduleInput.Firing firing,
    ScheduleInput.Fired lastFired,
    int fires,
    String reason) {}
