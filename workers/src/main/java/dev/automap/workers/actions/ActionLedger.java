package dev.automap.workers.actions;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.templates.TemplateException;
import dev.automap.workers.contacts.ContactProblem;
import dev.automap.workers.store.ActionLedgerRepository;
import dev.automap.workers.store.LedgerEntry;
import dev.automap.workers.timeline.StepLog;
import dev.automap.workers.timeline.StepOutcome;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes an action happen once per idempotency key. In one transaction: claim the key in {@code
 * action_ledger}, apply the effect (which raises its events), keep the result with the key, and
 * write the step's entry in the step log. A key already claimed changes nothing and answers {@code
 * unchanged} with the first attempt's detail and output (so a retried {@code create_contact} hands
 * back the same contact id); a failed attempt rolls back, key included, and the next attempt starts
 * afresh.
 */
@Singleton
public class ActionLedger {
  private final ActionLedgerRepository ledger;
  private final StepLog stepLog;
  private final JsonMapper json;
  private final TransactionOperations<Connection> transactions;

  public ActionLedger(
      ActionLedgerRepository ledger,
      StepLog stepLog,
      JsonMapper json,
      TransactionOperations<Connection> transactions) {
    this.ledger = ledger;
    this.stepLog = stepLog;
    this.json = json;
    this.transactions = transactions;
  }

  /**
   * As {@link #once}, for an effect that calls out over the network ({@code webhook}): the call is
   * made outside any transaction, holding no pooled connection, and only its result is recorded in
   * one. A key recorded already answers {@code unchanged} without calling; a call whose record was
   * lost (the worker stopped in between) is made again with the same key, which the receiver sees.
   */
  public ActionResult onceCalling(
      ActionRequest request, ActionStep step, Supplier<ActionResult> call) {
    if (ledger.find(request.idempotencyKey()).isPresent()) {
      return replay(request);
    }
    ActionResult result;
    try {
      result = call.get();
    } catch (ContactProblem e) {
      throw ActionFailures.badInput(step.type() + ": " + e.getMessage(), e);
    } catch (TemplateException e) {
      throw ActionFailures.badInput(
          step.type() + ": a template does not render: " + e.getMessage(), e);
    }
    return transactions.executeWrite(status -> once(request, step, () -> result));
  }

  /**
   * Performs {@code effect} unless the request's key was performed already.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable for input the store refuses
   *     ({@link ContactProblem}) or a template that does not render
   */
  @Transactional
  public ActionResult once(ActionRequest request, ActionStep step, Supplier<ActionResult> effect) {
    String type = step.type();
    if (ledger.claim(request.idempotencyKey(), request.accountId(), request.contactId(), type)
        == 0) {
      return replay(request);
    }
    ActionResult result;
    try {
      result = effect.get();
    } catch (ContactProblem e) {
      throw ActionFailures.badInput(type + ": " + e.getMessage(), e);
    } catch (TemplateException e) {
      throw ActionFailures.badInput(type + ": a template does not render: " + e.getMessage(), e);
    }
    ledger.saveResult(request.idempotencyKey(), write(result));
    stepLog.record(
        new StepOutcome(
            request.idempotencyKey(),
            request.accountId(),
            request.contactId(),
            request.automationKey(),
            request.stepName(),
            type,
            result.outcome(),
            result.detail(),
            Instant.now()));
    return result;
  }

  private ActionResult replay(ActionRequest request) {
    LedgerEntry entry = ledger.find(request.idempotencyKey()).orElseThrow();
    if (!entry.accountId().equals(request.accountId())) {
      throw ActionFailures.badInput(
          "idempotency key " + request.idempotencyKey() + " belongs to another account");
    }
    Map<String, Object> first = entry.result();
    if (first == null) {
      return ActionResult.unchanged("already done");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> output = (Map<String, Object>) first.get("output");
    return ActionResult.of(
        ActionOutcome.UNCHANGED,
        "already done: " + first.get("detail"),
        output,
        Boolean.TRUE.equals(first.get("endsRun")));
  }

  private String write(ActionResult result) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("outcome", result.outcome());
    map.put("detail", result.detail());
    if (result.output() != null) {
      map.put("output", result.output());
    }
    map.put("endsRun", result.endsRun());
    try {
      return json.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException("an action result that is not JSON", e);
    }
  }
}
