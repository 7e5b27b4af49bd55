package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.validation.MapValidator;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Checking maps before they run, their schema, and maps imported from HubSpot. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutomationMapsApiTest extends ApiTestSupport {

  /** A bad CEL expression in a branch and an unclosed block in a subject. */
  static final String BAD_EXPRESSIONS =
      """
      {"key": "%s", "start": "wait", "steps": [
        {"id": "wait", "type": "wait", "duration": "PT1H", "next": "mail"},
        {"id": "mail", "type": "send_email", "subject": "{{#if x}}Hi", "body": "<p>Hello</p>", "next": "vip?"},
        {"id": "vip?", "type": "branch", "branches": [{"when": {"cel": "contact.score >"}, "next": "done"}], "else": "done"},
        {"id": "done", "type": "end"}]}""";

  static final String BAD_EXPRESSIONS_YAML =
      """
      key: yaml-checked
      start: mail
      steps:
        - id: mail
          type: send_email
          subject: "{{#if x}}Hi"
          body: "<p>Hello</p>"
          next: vip?
        - id: vip?
          type: branch
          branches:
            - when: { cel: "contact.score >" }
              next: done
          else: done
        - id: done
          type: end
      """;

  @SuppressWarnings("unchecked")
  static List<String> paths(Object errors) {
    return ((List<Map<String, Object>>) errors).stream().map(e -> (String) e.get("path")).toList();
  }

  static String resource(String name) {
    try (InputStream in = AutomationMapsApiTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void validatingNamesEachBadExpressionAndTemplateInJsonAndYaml() {
    var json =
        call(
            auth(
                HttpRequest.POST("/v1/automations/validate", BAD_EXPRESSIONS.formatted("checked"))
                    .contentType("application/json")));
    assertThat(json.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(body(json)).containsEntry("valid", false);
    assertThat(paths(body(json).get("errors")))
        .containsExactly("/steps/1/subject", "/steps/2/branches/0/when/cel");

    var yaml =
        call(
            auth(
                HttpRequest.POST("/v1/automations/validate", BAD_EXPRESSIONS_YAML)
                    .contentType("application/yaml")));
    assertThat(yaml.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(paths(body(yaml).get("errors")))
        .containsExactly("/steps/0/subject", "/steps/1/branches/0/when/cel");
    assertThat(body(yaml).get("errors").toString()).contains("message=");
  }

  @Test
  void validatingAGoodMapSaysSoAndSavesNothing() {
    String good =
        """
        {"key": "never-saved", "start": "mail", "steps": [
          {"id": "mail", "type": "send_email", "subject": "Hi {{default contact.firstName \\"there\\"}}",
           "body": "<p>{{#if contact.fields.vip}}Welcome back{{/if}}</p>", "next": "done"},
          {"id": "done", "type": "end"}]}""";
    var response =
        call(
            auth(
                HttpRequest.POST("/v1/automations/validate", good)
                    .contentType("application/json")));
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(body(response)).containsEntry("valid", true).containsEntry("errors", List.of());
    assertThat(call(auth(HttpRequest.GET("/v1/automations/never-saved"))).code())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  @Test
  void validatingAMapThatDoesNotParseNamesWhere() {
    var response =
        call(
            auth(
                HttpRequest.POST(
                        "/v1/automations/validate",
                        "{\"key\": \"k\", \"start\": \"a\", \"steps\": [{\"id\": \"a\", \"type\": \"wat\"}]}")
                    .contentType("application/json")));
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(body(response)).containsEntry("valid", false);
    assertThat(paths(body(response).get("errors"))).containsExactly("/steps/0/type");
  }

  @Test
  void publishingRefusesBadExpressionsAndTemplates() {
    var saved =
        call(
            auth(
                HttpRequest.POST("/v1/automations", BAD_EXPRESSIONS.formatted("bad-expressions"))
                    .contentType("application/json")));
    assertThat(saved.code()).isEqualTo(HttpStatus.CREATED.getCode());

    var published = call(auth(HttpRequest.POST("/v1/automations/bad-expressions/publish", "")));

    assertThat(published.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    assertThat(published.getContentType().orElseThrow().toString())
        .isEqualTo("application/problem+json");
    assertThat(paths(body(published).get("errors")))
        .contains("/steps/1/subject", "/steps/2/branches/0/when/cel")
        .as("an email step is one this server performs")
        .doesNotContain("/steps/1/type");
  }

  @Test
  void theSchemaIsServedToKeyHolders() {
    var response =
        http.toBlocking()
            .exchange(auth(HttpRequest.GET("/v1/schema/automation.json")), String.class);
    assertThat(response.code()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(response.getContentType().orElseThrow().toString())
        .isEqualTo("application/schema+json");
    assertThat(response.body()).contains("\"$schema\"").contains("send_email");
    assertThat(call(HttpRequest.GET("/v1/schema/automation.json")).code())
        .isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHubSpotFlowIsSavedAsADraftWithWarningsIntoTheFlow() {
    var response =
        call(
            auth(
                HttpRequest.POST(
                        "/v1/automations/import/hubspot", resource("/hubspot/lead-nurture.json"))
                    .contentType("application/json")));

    assertThat(response.code())
        .as(String.valueOf(response.getBody(JSON)))
        .isEqualTo(HttpStatus.CREATED.getCode());
    Map<String, Object> created = body(response);
    assertThat(created).containsEntry("key", "website-lead-nurture").containsEntry("version", 1);
    assertThat(paths(created.get("warnings")))
        .contains("/actions/0/fields/content_id", "/actions/6/actionTypeId");

    var version =
        http.toBlocking()
            .exchange(
                auth(HttpRequest.GET("/v1/automations/website-lead-nurture/versions/1")),
                String.class);
    var map = MapJson.parse(version.body());
    assertThat(map.ok()).isTrue();
    assertThat(new MapValidator().validate(map.map())).isEmpty();
    assertThat(map.map().triggers()).hasSize(1);
    var refused = call(auth(HttpRequest.POST("/v1/automations/website-lead-nurture/publish", "")));
    assertThat(refused.code())
        .as("the flow rotates leads over HubSpot users 101 and 102, not users of this account")
        .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    assertThat(body(refused).toString()).contains("no user \"101\"", "no user \"102\"");
    for (String user : List.of("101", "102")) {
      call(
          auth(
              HttpRequest.POST("/v1/users", "{\"id\": \"" + user + "\", \"name\": \"Rep\"}")
                  .contentType("application/json")));
    }
    var published =
        call(auth(HttpRequest.POST("/v1/automations/website-lead-nurture/publish", "")));
    assertThat(published.code())
        .as("every action it uses is performed here, once its users exist")
        .isEqualTo(HttpStatus.OK.getCode());

    var again =
        call(
            auth(
                HttpRequest.POST(
                        "/v1/automations/import/hubspot?key=nurture-copy",
                        resource("/hubspot/lead-nurture.json"))
                    .contentType("application/json")));
    assertThat(again.code()).isEqualTo(HttpStatus.CREATED.getCode());
    assertThat(body(again)).containsEntry("key", "nurture-copy");
  }

  @Test
  void aHubSpotFlowThatIsNotJsonIsA400() {
    var response =
        call(
            auth(
                HttpRequest.POST("/v1/automations/import/hubspot", "{\"name\": \"x\", ")
                    .contentType("application/json")));
    assertThat(response.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(response.getContentType().orElseThrow().toString())
        .isEqualTo("application/problem+json");
    var notAFlow =
        call(
            auth(
                HttpRequest.POST("/v1/automations/import/hubspot", "[1, 2]")
                    .contentType("application/json")));
    assertThat(notAFlow.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    var badKey =
        call(
            auth(
                HttpRequest.POST(
                        "/v1/automations/import/hubspot?key=Not%20A%20Key",
                        resource("/hubspot/lead-nurture.json"))
                    .contentType("application/json")));
    assertThat(badKey.code()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
    assertThat(paths(body(badKey).get("errors"))).containsExactly("/key");
  }
}
