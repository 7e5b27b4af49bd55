package dev.automap.workers.contacts;

import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Ids;
import dev.automap.workers.store.Opportunity;
import dev.automap.workers.store.OpportunityRepository;
import dev.automap.workers.store.Pipeline;
import dev.automap.workers.store.PipelineRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pipelines and the contacts' opportunities in them. A contact has at most one opportunity per
 * pipeline. Events: {@code opportunity.created}, {@code opportunity.stage_changed} ({@code
 * data.from}, {@code data.to}), {@code opportunity.status_changed}, {@code opportunity.updated}
 * ({@code data.changed}: {@code name}, {@code value}), {@code opportunity.removed}; each with
 * {@code data.opportunityId} and {@code data.pipeline}.
 */
@Singleton
public class Pipelines {
  public static final List<String> STATUSES = List.of("open", "won", "lost", "abandoned");

  private final PipelineRepository pipelines;
  private final OpportunityRepository opportunities;
  private final ContactChanges contacts;
  private final EventLog events;

  public Pipelines(
      PipelineRepository pipelines,
      OpportunityRepository opportunities,
      ContactChanges contacts,
      EventLog events) {
    this.pipelines = pipelines;
    this.opportunities = opportunities;
    this.contacts = contacts;
    this.events = events;
  }

  /** Creates a pipeline with its stages in board order. */
  @Transactional
  public Pipeline create(String accountId, String name, List<String> stages) {
    if (name == null || name.isBlank()) {
      throw new ContactProblem("/name", "a pipeline needs a name");
    }
    if (stages == null
        || stages.isEmpty()
        || stages.stream().anyMatch(s -> s == null || s.isBlank())
        || new LinkedHashSet<>(stages).size() != stages.size()) {
      throw new ContactProblem("/stages", "a pipeline needs distinct, non-empty stage names");
    }
    if (pipelines.findByAccountIdAndName(accountId, name.trim()).isPresent()) {
      throw new ContactProblem("/name", "the account has a pipeline named " + name.trim());
    }
    return pipelines.save(
        new Pipeline(Ids.next("pl"), accountId, name.trim(), List.copyOf(stages), null));
  }

  public List<Pipeline> list(String accountId) {
    return pipelines.findByAccountIdOrderByName(accountId);
  }

  /** The account's pipeline of that name. */
  public Pipeline named(String accountId, String name) {
    if (name == null || name.isBlank()) {
      throw new ContactProblem("/pipeline", "no pipeline named");
    }
    return pipelines
        .findByAccountIdAndName(accountId, name.trim())
        .orElseThrow(
            () ->
                new ContactProblem(
                    "/pipeline", "the account has no pipeline named " + name.trim()));
  }

  /** What an upsert did: the opportunity's id, whether it is new, and what changed. */
  public record Upserted(String opportunityId, boolean created, List<String> changed) {}

  /**
   * Creates the contact's opportunity in the pipeline, or moves and updates the one it has.
   *
   * @param stage a stage of the pipeline; null keeps the current one (a new one starts in the
   *     first)
   * @param name null keeps the current name (a new one is named {@code defaultName})
   * @param value null keeps the current value
   * @param status {@code open won lost abandoned}; null keeps the current one (a new one is open)
   */
  @Transactional
  public Upserted upsertOpportunity(
      String accountId,
      String contactId,
      String pipelineName,
      String stage,
      String name,
      BigDecimal value,
      String status,
      String defaultName,
      EventSource source) {
    Pipeline pipeline = named(accountId, pipelineName);
    if (stage != null && !pipeline.stages().contains(stage)) {
      throw new ContactProblem(
          "/stage",
          "pipeline "
              + pipeline.name()
              + " has no stage \""
              + stage
              + "\" (its stages: "
              + String.join(", ", pipeline.stages())
              + ")");
    }
    if (status != null && !STATUSES.contains(status)) {
      throw new ContactProblem(
          "/status", "an opportunity's status is one of " + String.join(", ", STATUSES));
    }
    contacts.lock(accountId, contactId);
    var existing = opportunities.lockOf(accountId, contactId, pipeline.id());
    if (existing.isEmpty()) {
      Opportunity created =
          opportunities.save(
              new Opportunity(
                  Ids.next("opp"),
                  accountId,
                  contactId,
                  pipeline.id(),
                  name != null ? name : defaultName,
                  stage != null ? stage : pipeline.stages().getFirst(),
                  status != null ? status : "open",
                  value,
                  null,
                  null));
      events.raise(
          accountId,
          "opportunity.created",
          contactId,
          data(created, pipeline, Map.of("stage", created.stage(), "status", created.status())),
          source);
      return new Upserted(created.id(), true, List.of());
    }
    Opportunity before = existing.get();
    Opportunity after =
        new Opportunity(
            before.id(),
            accountId,
            contactId,
            pipeline.id(),
            name != null ? name : before.name(),
            stage != null ? stage : before.stage(),
            status != null ? status : before.status(),
            value != null ? value : before.value(),
            before.createdAt(),
            before.updatedAt());
    List<String> changed = new ArrayList<>();
    if (!before.stage().equals(after.stage())) {
      changed.add("stage");
    }
    if (!before.status().equals(after.status())) {
      changed.add("status");
    }
    if (!before.name().equals(after.name())) {
      changed.add("name");
    }
    if (!sameAmount(before.value(), after.value())) {
      changed.add("value");
    }
    if (changed.isEmpty()) {
      return new Upserted(before.id(), false, List.of());
    }
    opportunities.update(after);
    if (changed.contains("stage")) {
      events.raise(
          accountId,
          "opportunity.stage_changed",
          contactId,
          data(after, pipeline, Map.of("from", before.stage(), "to", after.stage())),
          source);
    }
    if (changed.contains("status")) {
      events.raise(
          accountId,
          "opportunity.status_changed",
          contactId,
          data(after, pipeline, Map.of("from", before.status(), "to", after.status())),
          source);
    }
    List<String> other =
        changed.stream().filter(c -> c.equals("name") || c.equals("value")).toList();
    if (!other.isEmpty()) {
      events.raise(
          accountId,
          "opportunity.updated",
          contactId,
          data(after, pipeline, Map.of("changed", other)),
          source);
    }
    return new Upserted(after.id(), false, changed);
  }

  /** Removes the contact's opportunity from the pipeline; null when it had none. */
  @Transactional
  public String removeOpportunity(
      String accountId, String contactId, String pipelineName, EventSource source) {
    Pipeline pipeline = named(accountId, pipelineName);
    contacts.lock(accountId, contactId);
    var existing = opportunities.lockOf(accountId, contactId, pipeline.id());
    if (existing.isEmpty()) {
      return null;
    }
    opportunities.delete(existing.get());
    events.raise(
        accountId,
        "opportunity.removed",
        contactId,
        data(existing.get(), pipeline, Map.of()),
        source);
    return existing.get().id();
  }

  private static Map<String, Object> data(Opportunity o, Pipeline p, Map<String, Object> more) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("opportunityId", o.id());
    data.put("pipeline", p.name());
    data.putAll(more);
    return data;
  }

  private static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a == null || b == null ? Objects.equals(a, b) : a.compareTo(b) == 0;
  }
}
