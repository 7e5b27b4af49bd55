package dev.automap.workers.actions.contact;

import dev.automap.definitions.model.IncrementFieldStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionPreview;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.contacts.ContactChanges;
import dev.automap.workers.contacts.ContactPatch;
import dev.automap.workers.contacts.ContactProblem;
import dev.automap.workers.store.Contact;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code increment_field}: adds {@code by} to a numeric custom field ({@code fields.<name>}, an
 * empty one counting as 0) or to {@code score}. A field holding something other than a number fails
 * for good.
 */
@Singleton
public class IncrementFieldHandler implements ActionHandler<IncrementFieldStep> {
  private final ActionLedger ledger;
  private final ContactChanges contacts;

  public IncrementFieldHandler(ActionLedger ledger, ContactChanges contacts) {
    this.ledger = ledger;
    this.contacts = contacts;
  }

  @Override
  public Class<IncrementFieldStep> stepType() {
    return IncrementFieldStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, IncrementFieldStep step) {
    String path = ContactPatch.canonical(step.field());
    if (path == null || !(path.equals("score") || path.startsWith("fields."))) {
      throw ActionFailures.badInput(
          "increment_field needs a numeric field: fields.<name> or score, not " + step.field());
    }
    if (step.by() == null) {
      throw ActionFailures.badInput("increment_field needs by");
    }
    return ledger.once(
        request,
        step,
        () -> {
          Contact contact = contacts.lock(request.accountId(), request.contactId());
          Object current =
              path.equals("score") ? contact.score() : contact.fields().get(path.substring(7));
          BigDecimal before = number(current, path);
          BigDecimal after = before.add(step.by());
          if (path.equals("score") && after.scale() > 0 && after.stripTrailingZeros().scale() > 0) {
            throw new ContactProblem("/by", "score is a whole number; cannot add " + step.by());
          }
          List<String> changed =
              contacts.update(
                  request.accountId(),
                  request.contactId(),
                  new ContactPatch().put(path, stored(after)),
                  request.source());
          return changed.isEmpty()
              ? ActionResult.unchanged(path + " stays " + before.toPlainString())
              : ActionResult.done(
                  path + " " + before.toPlainString() + " → " + after.toPlainString());
        });
  }

  private static BigDecimal number(Object value, String path) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ContactProblem(
          "/" + path.replace('.', '/'), path + " holds \"" + value + "\", not a number");
    }
  }

  /** A whole number as a long (so JSON shows 5, not 5.0); else the decimal. */
  private static Object stored(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      try {
        return stripped.longValueExact();
      } catch (ArithmeticException e) {
        return value;
      }
    }
    return stripped;
  }

  /** In a preview: the value (none counts as 0) goes up by {@code by}, 1 by default. */
  public static ActionResult preview(IncrementFieldStep step, ActionPreview.Scope scope) {
    Object current = scope.contact().get(step.field());
    BigDecimal value = current == null ? BigDecimal.ZERO : new BigDecimal(current.toString());
    BigDecimal next = value.add(step.by() == null ? BigDecimal.ONE : step.by());
    scope
        .contact()
        .set(
            step.field(),
            next.stripTrailingZeros().scale() <= 0
                ? (Object) next.longValueExact()
                : next.doubleValue());
    return ActionResult.done(step.field() + " = " + next.stripTrailingZeros().toPlainString());
  }
}
