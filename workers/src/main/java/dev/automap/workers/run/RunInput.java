package dev.automap.workers.run;

import dev.automap.definitions.model.AutomationMap;
import java.util.Map;

/**
 * What a run is pinned to: account, automation key and version, contact. The map itself
 * travels with the input so a run never changes version under its feet.
 */
public record RunInput(
    String accountId,
    String automationKey,
    int version,
    String contactId,
    AutomationMap map,
    Map<String, Object> event) {}
