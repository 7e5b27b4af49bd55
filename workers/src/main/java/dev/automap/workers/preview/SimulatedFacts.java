package dev.automap.workers.preview;

import dev.automap.definitions.conditions.Facts;
import dev.automap.workers.run.FactsJudge;
import dev.automap.workers.run.FactsRequest;
import java.util.Map;

/** The run's decisions judged on a {@link SimulatedContact}, as a real run judges them. */
public final class SimulatedFacts extends FactsJudge {
  private final SimulatedContact contact;
  private final Map<String, Object> accountValues;

  public SimulatedFacts(SimulatedContact contact, Map<String, Object> accountValues) {
    this.contact = contact;
    this.accountValues = accountValues == null ? Map.of() : accountValues;
  }

  @Override
  protected Facts facts(FactsRequest r) {
    return Facts.at(r.now())
        .withContact(contact.snapshot())
        .withVars(r.vars() == null ? Map.of() : r.vars())
        .withEvent(r.event() == null ? Map.of() : r.event())
        .withAccountValues(accountValues);
  }
}
