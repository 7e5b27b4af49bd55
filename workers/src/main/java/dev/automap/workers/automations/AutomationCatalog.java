package dev.automap.workers.automations;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import dev.automap.workers.actions.ActionDispatcher;
import dev.automap.workers.store.Automation;
import dev.automap.workers.store.AutomationRepository;
import dev.automap.workers.store.AutomationVersion;
import dev.automap.workers.store.AutomationVersionRepository;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** An account's automations: drafts saved as versions, one version published and live. */
@Singleton
public class AutomationCatalog {
  private final AutomationRepository automations;
  private final AutomationVersionRepository versions;
  private final MapValidator validator = new MapValidator();
  private final ApplicationEventPublisher<AutomationChanged> changes;
  private final BeanProvider<ActionDispatcher> actions;
  private final PublishReferences references;

  public AutomationCatalog(
      AutomationRepository automations,
      AutomationVersionRepository versions,
      ApplicationEventPublisher<AutomationChanged> changes,
      BeanProvider<ActionDispatcher> actions,
      PublishReferences references) {
    this.automations = automations;
    this.versions = versions;
    this.changes = changes;
    this.actions = actions;
    this.references = references;
  }

  /** Action steps this engine cannot perform yet: a map using one is not published. */
  private List<Problem> unavailable(AutomationMap map) {
    List<Problem> problems = new ArrayList<>();
    var types = actions.get().types();
    for (int i = 0; i < map.steps().size(); i++) {
      if (map.steps().get(i) instanceof ActionStep step) {
        String type = StepTypes.nameOf(step.getClass());
        if (!types.contains(type)) {
          problems.add(
              new Problem(
                  "/steps/" + i + "/type",
                  "ai_prompt".equals(type)
                      ? "\"ai_prompt\" needs an AI endpoint: set AUTOMAP_AI_API_KEY"
                          + " (and AUTOMAP_AI_MODEL or the step's model)"
                      : "\"" + type + "\" is not available on this server yet"));
        }
      }
    }
    return problems;
  }

  /** A map that could not be accepted, with every problem found. */
  public static class InvalidMap extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidMap(List<Problem> problems) {
      super(problems.toString());
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** The automation with this key, or a reason it cannot be used. */
  public static class NoSuchAutomation extends RuntimeException {
    public NoSuchAutomation(String message) {
      super(message);
    }
  }

  /** The automation exists but is not in a state that allows what was asked (paused, archived…). */
  public static class WrongState extends NoSuchAutomation {
    public WrongState(String message) {
      super(message);
    }
  }

  /** A saved version: which automation, which number, what map. */
  public record Saved(Automation automation, int version, AutomationMap map) {}

  /** Saves the map as a new draft version (the first save creates the automation). */
  @Transactional
  public Saved saveDraft(String accountId, AutomationMap map, String expectedKey) {
    if (map.key() == null || map.key().isBlank()) {
      throw new InvalidMap(List.of(new Problem("/key", "required")));
    }
    if (expectedKey != null && !expectedKey.equals(map.key())) {
      throw new InvalidMap(
          List.of(
              new Problem(
                  "/key", "is \"" + map.key() + "\" but the URL names \"" + expectedKey + "\"")));
    }
    List<Problem> keyProblems =
        validator.validate(map).stream().filter(p -> p.path().equals("/key")).toList();
    if (!keyProblems.isEmpty()) {
      throw new InvalidMap(keyProblems);
    }
    // insert-then-lock: concurrent first saves of a key make one automation and number in turn
    automations.insertIfAbsent(accountId, map.key(), map.name(), Automation.DRAFT);
    Automation a =
        automations
            .lockByAccountIdAndKey(accountId, map.key())
            .orElseThrow(() -> new IllegalStateException("automation row vanished while saving"));
    Automation automation =
        automations.update(
            new Automation(
                a.id(),
                a.accountId(),
                a.key(),
                map.name(),
                Automation.ARCHIVED.equals(a.status()) ? Automation.DRAFT : a.status(),
                a.activeVersion(),
                a.latestVersion() + 1,
                a.createdAt(),
                a.updatedAt()));
    versions.save(
        new AutomationVersion(
            null, automation.id(), automation.latestVersion(), MapJson.write(map), null));
    return new Saved(automation, automation.latestVersion(), map);
  }

  /** Validates the latest version and makes it the active one. */
  @Transactional
  public Saved publish(String accountId, String key) {
    Automation automation = find(accountId, key);
    AutomationMap map = load(automation, automation.latestVersion());
    List<Problem> problems = new ArrayList<>(validator.validate(map));
    problems.addAll(unavailable(map));
    problems.addAll(references.unresolved(accountId, map));
    if (!problems.isEmpty()) {
      throw new InvalidMap(problems);
    }
    Automation published =
        automations.update(
            new Automation(
                automation.id(),
                accountId,
                key,
                automation.name(),
                Automation.ACTIVE,
                automation.latestVersion(),
                automation.latestVersion(),
                automation.createdAt(),
                automation.updatedAt()));
    changes.publishEvent(
        new AutomationChanged(accountId, key, Automation.ACTIVE, published.activeVersion()));
    return new Saved(published, published.latestVersion(), map);
  }

  /**
   * Publishes a copy of version {@code version} as a new version and makes it the active one (the
   * copy is validated as any publish is: an older map may name what no longer exists).
   */
  @Transactional
  public Saved rollback(String accountId, String key, int version) {
    Automation automation = find(accountId, key);
    AutomationMap older = load(automation, version);
    saveDraft(accountId, older, key);
    return publish(accountId, key);
  }

  /**
   * Stops new enrollments ({@code paused}) or lets them in again ({@code active}). Only an active
   * automation pauses and only a paused one resumes.
   *
   * @return the automation as it now is
   */
  @Transactional
  public Automation setPaused(String accountId, String key, boolean paused) {
    Automation automation = find(accountId, key);
    String from = paused ? Automation.ACTIVE : Automation.PAUSED;
    String to = paused ? Automation.PAUSED : Automation.ACTIVE;
    if (!from.equals(automation.status())) {
      if (to.equals(automation.status())) {
        return automation;
      }
      throw new WrongState("automation " + key + " is " + automation.status() + ", not " + from);
    }
    Automation changed =
        automations.update(
            new Automation(
                automation.id(),
                accountId,
                key,
                automation.name(),
                to,
                automation.activeVersion(),
                automation.latestVersion(),
                automation.createdAt(),
                automation.updatedAt()));
    changes.publishEvent(new AutomationChanged(accountId, key, to, changed.activeVersion()));
    return changed;
  }

  /** Archives the automation: it enrolls no one; a later save revives it as a draft. */
  @Transactional
  public Automation archive(String accountId, String key) {
    Automation automation = find(accountId, key);
    Automation archived =
        automations.update(
            new Automation(
                automation.id(),
                accountId,
                key,
                automation.name(),
                Automation.ARCHIVED,
                automation.activeVersion(),
                automation.latestVersion(),
                automation.createdAt(),
                automation.updatedAt()));
    changes.publishEvent(new AutomationChanged(accountId, key, Automation.ARCHIVED, null));
    return archived;
  }

  /** Every active automation of the account, at its active version. */
  public List<Saved> activeMaps(String accountId) {
    return automations.findByAccountIdOrderByKey(accountId).stream()
        .filter(a -> Automation.ACTIVE.equals(a.status()) && a.activeVersion() != null)
        .map(a -> new Saved(a, a.activeVersion(), load(a, a.activeVersion())))
        .toList();
  }

  /** The live version of an automation, for enrolling. */
  public Saved active(String accountId, String key) {
    Automation automation = find(accountId, key);
    if (automation.activeVersion() == null || !Automation.ACTIVE.equals(automation.status())) {
      throw new WrongState("automation " + key + " is " + automation.status() + ", not active");
    }
    return new Saved(
        automation, automation.activeVersion(), load(automation, automation.activeVersion()));
  }

  public Automation find(String accountId, String key) {
    return automations
        .findByAccountIdAndKey(accountId, key)
        .orElseThrow(() -> new NoSuchAutomation("no automation \"" + key + "\""));
  }

  public List<Automation> list(String accountId) {
    return automations.findByAccountIdOrderByKey(accountId);
  }

  public List<Integer> versions(Automation automation) {
    return versions.findVersionByAutomationIdOrderByVersion(automation.id());
  }

  public AutomationMap load(Automation automation, int version) {
    String definition =
        versions
            .findByAutomationIdAndVersion(automation.id(), version)
            .orElseThrow(
                () ->
                    new NoSuchAutomation(
                        "automation " + automation.key() + " has no version " + version))
            .definition();
    MapJson.Parsed parsed = MapJson.parse(definition);
    if (!parsed.ok()) {
      throw new IllegalStateException(
          "stored version "
              + version
              + " of "
              + automation.key()
              + " no longer parses: "
              + parsed.problems());
    }
    return parsed.map();
  }
}
