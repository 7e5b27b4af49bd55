package dev.automap.workers.run;

import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.conditions.ConditionEvaluator;
import dev.automap.definitions.conditions.Facts;
import dev.automap.definitions.templates.TemplateRenderer;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.AfterAction;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's decisions on a contact's data, judged with the one condition evaluator and template
 * renderer; where the facts come from (the store, a preview's contact) is the subclass's.
 */
public abstract class FactsJudge implements FactsActivities, AfterAction.Judge {
  private final ConditionEvaluator conditions = ConditionEvaluator.shared();
  private final TemplateRenderer templates = TemplateRenderer.shared();

  /** What the contact and the run's values are for this request. */
  protected abstract Facts facts(FactsRequest request);

  @Override
  public List<Integer> holding(FactsRequest request, List<Condition> list) {
    Facts facts = facts(request);
    List<Integer> holding = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (conditions.test(list.get(i), facts)) {
        holding.add(i);
      }
    }
    return holding;
  }

  @Override
  public List<Integer> holdingAfter(
      ActionRequest request, Map<String, Object> vars, Instant now, List<Condition> list) {
    return holding(
        new FactsRequest(request.accountId(), request.contactId(), vars, request.event(), now),
        list);
  }

  @Override
  public WaitFacts waitFacts(FactsRequest request, String field) {
    Facts facts = facts(request);
    Object zone = ((Map<?, ?>) facts.contact()).get("timezone");
    Object value = field == null ? null : read(facts, field);
    return new WaitFacts(
        zone == null ? null : zone.toString(), value == null ? null : value.toString());
  }

  @Override
  public Object value(FactsRequest request, String template, String cel) {
    Facts facts = facts(request);
    if (cel != null) {
      return conditions.value(cel, facts).orElse(null);
    }
    return templates.renderText(template == null ? "" : template, facts);
  }

  @Override
  public String format(FactsRequest request, String input, String as) {
    Facts facts = facts(request);
    String text = templates.renderText(input == null ? "" : input, facts);
    Object tz = ((Map<?, ?>) facts.contact()).get("timezone");
    ZoneId zone =
        ContactZone.resolve(ContactZone.CONTACT, null, () -> tz == null ? null : tz.toString());
    try {
      return ValueFormats.apply(text, as, zone);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadFormat");
    }
  }

  /** The value at a dotted path such as {@code contact.fields.renewal}; null when absent. */
  static Object read(Facts facts, String path) {
    Object node = facts.roots();
    for (String part : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(part);
    }
    return node;
  }
}
