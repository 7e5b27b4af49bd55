package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.workers.contacts.AccountUsers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Publish refuses names that cannot resolve now, each with its step's path. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublishReferencesApiTest extends ApiTestSupport {
  @Inject AccountUsers accountUsers;

  static final String NAMES_EVERYTHING =
      """
      {"key": "%s", "start": "owner", "steps": [
        {"id": "owner", "type": "assign_owner", "user": "%s", "next": "follow"},
        {"id": "follow", "type": "add_followers", "users": ["%s", "nobody-else"], "next": "task"},
        {"id": "task", "type": "create_task", "title": "Call", "assignee": "owner", "next": "tell"},
        {"id": "tell", "type": "notify", "to": "team:%s", "channel": "in_app", "subject": "New lead", "body": "<p>Call</p>", "next": "deal"},
        {"id": "deal", "type": "upsert_opportunity", "pipeline": "%s", "stage": "%s", "next": "slack"},
        {"id": "slack", "type": "send_slack", "channel": "sales-room", "text": "New lead", "next": "more"},
        {"id": "more", "type": "enroll", "automation": "%s", "next": "templated"},
        {"id": "templated", "type": "assign_owner", "user": "{{vars.owner}}", "next": "done"},
        {"id": "done", "type": "end"}]}""";

  @Test
  void publishRefusesEveryNameThatDoesNotResolveWithItsPath() {
    var map =
        NAMES_EVERYTHING.formatted(
            "refs-missing", "ghost", "ghost", "nightshift", "Enterprise", "Won", "not-a-map");
    assertThat(save(map).code()).isEqualTo(HttpStatus.CREATED.getCode());

    var published = call(auth(HttpRequest.POST("/v1/automations/refs-missing/publish", "")));

    assertThat(published.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    assertThat(errors(published.getBody(JSON).orElseThrow()))
        .containsExactlyInAnyOrder(
            "/steps/0/user: no user \"ghost\" in this account",
            "/steps/1/users/0: no user \"ghost\" in this account",
            "/steps/1/users/1: no user \"nobody-else\" in this account",
            "/steps/3/to: no team \"nightshift\" in this account",
            "/steps/4/pipeline: no pipeline \"Enterprise\" in this account",
            "/steps/5/channel: no Slack webhook named \"sales-room\" on this server"
                + " (automap.slack.webhooks.sales-room)",
            "/steps/6/automation: no automation \"not-a-map\" in this account");
  }

  @Test
  void theSameMapPublishesOnceEveryNameExists() {
    String user = "rep-" + System.nanoTime();
    post("/v1/users", "{\"id\": \"" + user + "\", \"name\": \"Rep\"}");
    accountUsers.addToTeam("default", "dayshift", List.of(user));
    post("/v1/pipelines", "{\"name\": \"Sales\", \"stages\": [\"New\", \"Won\"]}");
    save(
        "{\"key\": \"refs-target\", \"start\": \"done\", \"steps\": [{\"id\": \"done\", \"type\": \"end\"}]}");
    var map =
        NAMES_EVERYTHING
            .formatted("refs-present", user, user, "dayshift", "Sales", "Won", "refs-target")
            .replace("\"nobody-else\"", "\"" + user + "\"")
            .replace(
                "{\"id\": \"slack\", \"type\": \"send_slack\", \"channel\": \"sales-room\", \"text\": \"New lead\", \"next\": \"more\"},",
                "{\"id\": \"slack\", \"type\": \"add_tags\", \"tags\": [\"lead\"], \"next\": \"more\"},");
    assertThat(save(map).code()).isEqualTo(HttpStatus.CREATED.getCode());

    var published = call(auth(HttpRequest.POST("/v1/automations/refs-present/publish", "")));

    assertThat(published.code()).as("%s", published.getBody(JSON)).isEqualTo(200);
  }

  @Test
  void aStageMissingFromItsPipelineIsNamedWithTheStagesThereAre() {
    post("/v1/pipelines", "{\"name\": \"Renewals\", \"stages\": [\"Due\", \"Renewed\"]}");
    save(
        """
        {"key": "refs-stage", "start": "deal", "steps": [
          {"id": "deal", "type": "upsert_opportunity", "pipeline": "Renewals", "stage": "Lost", "next": "done"},
          {"id": "done", "type": "end"}]}""");

    var published = call(auth(HttpRequest.POST("/v1/automations/refs-stage/publish", "")));

    assertThat(errors(published.getBody(JSON).orElseThrow()))
        .containsExactly(
            "/steps/0/stage: pipeline \"Renewals\" has no stage \"Lost\": Due, Renewed");
  }

  private io.micronaut.http.HttpResponse<Map<String, Object>> save(String map) {
    return call(auth(HttpRequest.POST("/v1/automations", map).contentType("application/json")));
  }

  private void post(String path, String json) {
    var response = call(auth(HttpRequest.POST(path, json).contentType("application/json")));
    assertThat(response.code()).as("%s %s", path, response.getBody(JSON)).isLessThan(300);
  }

  @SuppressWarnings("unchecked")
  private static List<String> errors(Map<String, Object> problem) {
    return ((List<Map<String, Object>>) problem.get("errors"))
        .stream().map(e -> e.get("path") + ": " + e.get("message")).toList();
  }
}
