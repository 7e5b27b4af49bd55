package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.automap.app.auth.ApiKeys;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Users and pipelines, which owners, tasks and opportunities name; each account sees only its own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrmApiTest extends ApiTestSupport {

  @Inject AccountRepository accounts;
  @Inject ApiKeys keys;

  @BeforeAll
  void rivalAccount() {
    if (!accounts.existsById("rival")) {
      accounts.save(new Account("rival", "Rival", null));
    }
    keys.register("rival", "rival-key", "test");
  }

  Map<String, Object> mine(MutableHttpRequest<?> request, int status) {
    var response = call(request.bearerAuth(EmbeddedStack.API_KEY));
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(status);
    return response.getBody(JSON).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> items(Map<String, Object> body) {
    return (List<Map<String, Object>>) body.get("items");
  }

  @Test
  void usersAreAddedListedAndOwnContactsOfTheirAccountOnly() {
    String userId = "u_" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            mine(
                HttpRequest.POST(
                    "/v1/users", Map.of("id", userId, "name", "Anna", "email", "anna@example.com")),
                201))
        .containsEntry("id", userId);
    assertThat(items(mine(HttpRequest.GET("/v1/users"), 200)))
        .extracting(u -> u.get("id"))
        .contains(userId);
    assertThat(
            items(
                call(HttpRequest.GET("/v1/users").bearerAuth("rival-key"))
                    .getBody(JSON)
                    .orElseThrow()))
        .noneMatch(u -> u.get("id").equals(userId));

    var owned =
        mine(HttpRequest.POST("/v1/contacts", Map.of("firstName", "Ada", "ownerId", userId)), 201);
    assertThat(owned).containsEntry("ownerId", userId);
    var rivalContact =
        call(
            HttpRequest.POST("/v1/contacts", Map.of("firstName", "Eve", "ownerId", userId))
                .bearerAuth("rival-key"));
    assertThat(rivalContact.code()).isEqualTo(400);
    assertThat(rivalContact.getBody(JSON).orElseThrow().get("errors").toString())
        .contains("path=/ownerId");

    assertThat(
            mine(HttpRequest.POST("/v1/users", Map.of("email", "nameless@example.com")), 400)
                .get("errors")
                .toString())
        .contains("path=/name");
  }

  @Test
  void pipelinesNeedDistinctStagesAndAreSeenByTheirAccountOnly() {
    String name = "Sales " + UUID.randomUUID();
    var created =
        mine(
            HttpRequest.POST(
                "/v1/pipelines", Map.of("name", name, "stages", List.of("New", "Won"))),
            201);
    assertThat(created).containsEntry("name", name).containsEntry("stages", List.of("New", "Won"));
    assertThat(items(mine(HttpRequest.GET("/v1/pipelines"), 200)))
        .extracting(p -> p.get("name"))
        .contains(name);
    assertThat(
            items(
                call(HttpRequest.GET("/v1/pipelines").bearerAuth("rival-key"))
                    .getBody(JSON)
                    .orElseThrow()))
        .noneMatch(p -> p.get("name").equals(name));

    mine(HttpRequest.POST("/v1/pipelines", Map.of("name", name, "stages", List.of("A"))), 400);
    mine(
        HttpRequest.POST("/v1/pipelines", Map.of("name", "Twice", "stages", List.of("A", "A"))),
        400);
  }
}
