package dev.automap.workers.triggers;

import dev.automap.definitions.conditions.Condition;

/**
 * What a schedule trigger of a published version says: when (a cron in a zone) and whom.
 *
 * @param version the published version the trigger comes from
 * @param timezone the IANA zone the cron reads in (the trigger's, else the map's, else UTC)
 * @param audience who is enrolled at each fire; null = every contact
 */
public record ScheduleConfig(int version, String schedule, String timezone, Condition audience) {}
