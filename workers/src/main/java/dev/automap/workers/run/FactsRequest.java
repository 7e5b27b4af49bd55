package dev.automap.workers.run;

import java.time.Instant;
import java.util.Map;

/**
 * Whose facts, and the run's own values, for a decision taken from the contact's data.
 *
 * @param now the run's time (workflow time), so a preview in virtual time decides as a real run
 */
public record FactsRequest(
    String accountId,
    String contactId,
    Map<String, Object> vars,
    Map<String, Object> event,
    Instant now) {}
