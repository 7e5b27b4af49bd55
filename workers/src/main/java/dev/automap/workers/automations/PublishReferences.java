package dev.automap.workers.automations;

import dev.automap.definitions.model.AddFollowersStep;
import dev.automap.definitions.model.AssignOwnerStep;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.CreateTaskStep;
import dev.automap.definitions.model.EnrollStep;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.PauseEnrollmentStep;
import dev.automap.definitions.model.RemoveFollowersStep;
import dev.automap.definitions.model.RemoveOpportunityStep;
import dev.automap.definitions.model.ResumeEnrollmentStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.Step;
import dev.automap.definitions.model.UnenrollStep;
import dev.automap.definitions.model.UpsertOpportunityStep;
import dev.automap.definitions.model.WebhookStep;
import dev.automap.definitions.problems.Problem;
import dev.automap.workers.actions.integration.WebhookGuard;
import dev.automap.workers.store.Automation;
import dev.automap.workers.store.AutomationRepository;
import dev.automap.workers.store.Pipeline;
import dev.automap.workers.store.PipelineRepository;
import dev.automap.workers.store.TeamRepository;
import dev.automap.workers.store.UserRepository;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a map names that must exist when it is published: users (owners, followers, task assignees,
 * people notified), teams, pipelines and their stages, Slack webhooks, and the automations its
 * steps enroll into or steer; and a literal {@code webhook} URL must not reach an address {@link
 * WebhookGuard} refuses. A name that cannot resolve now would fail every run that reaches the step,
 * so publish refuses it with the step's path, as it refuses actions the server cannot perform.
 *
 * <p>Not checked: names written as templates (<code>{{…}}</code>), known only when a run renders
 * them; lists, which {@code add_to_list} creates on first use; {@code owner}, which is the
 * contact's own.
 */
@Singleton
public class PublishReferences {
  private final UserRepository users;
  private final TeamRepository teams;
  private final PipelineRepository pipelines;
  private final AutomationRepository automations;
  private final Environment environment;
  private final WebhookGuard guard;

  public PublishReferences(
      UserRepository users,
      TeamRepository teams,
      PipelineRepository pipelines,
      AutomationRepository automations,
      Environment environment,
      WebhookGuard guard) {
    this.users = users;
    this.teams = teams;
    this.pipelines = pipelines;
    this.automations = automations;
    this.environment = environment;
    this.guard = guard;
  }

  /** Every reference of the map that does not resolve in the account, with its JSON Pointer. */
  public List<Problem> unresolved(String accountId, AutomationMap map) {
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < map.steps().size(); i++) {
      new StepReferences(accountId, map, "/steps/" + i, problems).check(map.steps().get(i));
    }
    return problems;
  }

  private final class StepReferences {
    private final String accountId;
    private final AutomationMap map;
    private final String at;
    private final List<Problem> problems;

    StepReferences(String accountId, AutomationMap map, String at, List<Problem> problems) {
      this.accountId = accountId;
      this.map = map;
      this.at = at;
      this.problems = problems;
    }

    void check(Step step) {
      switch (step) {
        case AssignOwnerStep s -> {
          user("/user", s.user());
          users("/rotate", s.rotate());
        }
        case AddFollowersStep s -> users("/users", s.users());
        case RemoveFollowersStep s -> users("/users", s.users());
        case CreateTaskStep s -> {
          if (!"owner".equals(s.assignee())) {
            user("/assignee", s.assignee());
          }
        }
        case NotifyStep s -> recipient(s.to());
        case UpsertOpportunityStep s -> pipeline(s.pipeline(), s.stage());
        case RemoveOpportunityStep s -> pipeline(s.pipeline(), null);
        case SendSlackStep s -> slack(s.channel());
        case WebhookStep s -> webhook(s.url());
        case EnrollStep s -> automation(s.automation());
        case UnenrollStep s -> automation(s.automation());
        case PauseEnrollmentStep s -> automation(s.automation());
        case ResumeEnrollmentStep s -> automation(s.automation());
        default -> {
          // names nothing that must exist
        }
      }
    }

    private void user(String field, String id) {
      if (resolvable(id) && users.findByIdAndAccountId(id, accountId).isEmpty()) {
        problems.add(new Problem(at + field, "no user \"" + id + "\" in this account"));
      }
    }

    private void users(String field, List<String> ids) {
      if (ids != null) {
        for (int i = 0; i < ids.size(); i++) {
          user(field + "/" + i, ids.get(i));
        }
      }
    }

    private void recipient(String to) {
      if (!resolvable(to) || "owner".equals(to)) {
        return;
      }
      if (to.startsWith("team:")) {
        String team = to.substring("team:".length()).trim();
        if (teams.findByAccountIdAndName(accountId, team).isEmpty()) {
          problems.add(new Problem(at + "/to", "no team \"" + team + "\" in this account"));
        }
        return;
      }
      user("/to", to);
    }

    private void pipeline(String name, String stage) {
      if (!resolvable(name)) {
        return;
      }
      Optional<Pipeline> pipeline = pipelines.findByAccountIdAndName(accountId, name);
      if (pipeline.isEmpty()) {
        problems.add(new Problem(at + "/pipeline", "no pipeline \"" + name + "\" in this account"));
      } else if (resolvable(stage) && !pipeline.get().stages().contains(stage)) {
        problems.add(
            new Problem(
                at + "/stage",
                "pipeline \""
                    + name
                    + "\" has no stage \""
                    + stage
                    + "\": "
                    + String.join(", ", pipeline.get().stages())));
      }
    }

    private void slack(String channel) {
      if (resolvable(channel)
          && environment
              .getProperty("automap.slack.webhooks." + channel, String.class)
              .filter(url -> !url.isBlank())
              .isEmpty()) {
        problems.add(
            new Problem(
                at + "/channel",
                "no Slack webhook named \""
                    + channel
                    + "\" on this server (automap.slack.webhooks."
                    + channel
                    + ")"));
      }
    }

    private void webhook(String url) {
      if (!resolvable(url)) {
        return;
      }
      try {
        URI uri = new URI(url.strip());
        if (uri.getHost() != null) {
          guard.refusal(uri).ifPresent(reason -> problems.add(new Problem(at + "/url", reason)));
        }
      } catch (URISyntaxException e) {
        problems.add(new Problem(at + "/url", "not a URL: " + e.getMessage()));
      }
    }

    private void automation(String key) {
      if (!resolvable(key) || key.equals(map.key())) {
        return;
      }
      Optional<Automation> other = automations.findByAccountIdAndKey(accountId, key);
      if (other.isEmpty()) {
        problems.add(
            new Problem(at + "/automation", "no automation \"" + key + "\" in this account"));
      } else if (Automation.ARCHIVED.equals(other.get().status())) {
        problems.add(new Problem(at + "/automation", "automation \"" + key + "\" is archived"));
      }
    }
  }

  /** A literal name to look up: not blank, not a template rendered only when a run gets there. */
  private static boolean resolvable(String name) {
    return name != null && !name.isBlank() && !name.contains("{{");
  }
}
