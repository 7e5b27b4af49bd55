package dev.automap.workers.preview;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.templates.TemplateRenderer;
import dev.automap.workers.run.FactsActivities;
import dev.automap.workers.run.FactsRequest;
import dev.automap.workers.run.ValueFormats;
import dev.automap.workers.run.WaitFacts;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The run's decisions judged on a {@link SimulatedContact}, with the same evaluator as a real run. */
public final class SimulatedFacts implements FactsActivities {
  private final SimulatedContact contact;
  private final Map<String, Object> accountValues;

  public SimulatedFacts(SimulatedContact contact, Map<String, Object> accountValues) {
    this.contact = contact;
    this.accountValues = accountValues == null ? Map.of() : accountValues;
  }

  Facts facts(FactsRequest r) {
    return Facts.at(r.now())
        .withContact(contact.snapshot())
        .withVars(r.vars() == null ? Map.of() : r.vars())
        .withEvent(r.event() == null ? Map.of() : r.event())
        .withAccountValues(accountValues);
  }

  @Override
  public List<Integer> holding(FactsRequest request, List<Condition> conditions) {
    Facts facts = facts(request);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      if (ConditionEvaluator.shared().test(conditions.get(i), facts)) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public WaitFacts waitFacts(FactsRequest request, String field) {
    Object zone = contact.get("timezone");
    Object value = field == null ? null : contact.get(field);
    return new WaitFacts(zone == null ? null : zone.toString(), value == null ? null : value.toString());
  }

  @Override
  public Object value(FactsRequest request, String template, String cel) {
    Facts facts = facts(request);
    if (cel != null) {
      return ConditionEvaluator.shared().value(cel, facts).orElse(null);
    }
    return TemplateRenderer.shared().renderText(template == null ? "" : template, facts);
  }

  @Override
  public String format(FactsRequest request, String input, String as) {
    String text = TemplateRenderer.shared().renderText(input == null ? "" : input, facts(request));
    ZoneId zone = ZoneId.of("UTC");
    try {
      Object tz = contact.get("timezone");
      if (tz != null) {
        zone = ZoneId.of(tz.toString());
      }
    } catch (DateTimeException ignored) {
      // UTC
    }
    return ValueFormats.apply(text, as, zone);
  }
}
