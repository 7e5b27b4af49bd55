package dev.automap.workers.triggers;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a schedule trigger fires: the 5-field UNIX cron of the map format, read as local times in
 * the trigger's zone, so {@code 0 9 * * MON} stays at 09:00 on both sides of a DST change.
 */
public final class CronTimes {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private CronTimes() {}

  /**
   * The first cron time strictly after {@code after}; null when the expression never fires again.
   */
  public static Instant next(String cron, ZoneId zone, Instant after) {
    ExecutionTime times;
    synchronized (PARSER) {
      times = ExecutionTime.forCron(PARSER.parse(cron));
    }
    ZonedDateTime from = after.atZone(zone);
    for (int guard = 0; guard < 8; guard++) {
      var next = times.nextExecution(from);
      if (next.isEmpty()) {
        return null;
      }
      Instant at = next.get().toInstant();
      if (at.isAfter(after)) {
        return at;
      }
      // a local time repeated by a DST overlap can come back equal: step past it
      from = next.get().plusMinutes(1);
    }
    return null;
  }
}
