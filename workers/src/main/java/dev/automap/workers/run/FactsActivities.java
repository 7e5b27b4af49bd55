package dev.automap.workers.run;

import dev.automap.definitions.conditions.Condition;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Decisions that need the contact's data, run as local activities: the data is read and judged in
 * the worker and only the answer (an index, a date, a value the map asked to keep) enters history.
 */
@ActivityInterface
public interface FactsActivities {

  /** The indices of {@code conditions} that hold for the contact now, in order. */
  @ActivityMethod(name = "facts.holding")
  List<Integer> holding(FactsRequest request, List<Condition> conditions);

  /** The contact's time zone and the text of a date field ({@code field} may be null). */
  @ActivityMethod(name = "facts.wait")
  WaitFacts waitFacts(FactsRequest request, String field);

  /** A {@code set_var} value: the template rendered as text, or the CEL expression's value. */
  @ActivityMethod(name = "facts.value")
  Object value(FactsRequest request, String template, String cel);

  /** A {@code format} value: the template rendered, then formatted {@code as}. */
  @ActivityMethod(name = "facts.format")
  String format(FactsRequest request, String input, String as);
}
