package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.automap.app.auth.ApiKeys;
import dev.automap.workers.store.Account;
import dev.automap.workers.store.AccountRepository;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The contact API: CRUD, lookups, tags, the timeline, and one account never seeing another's. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactApiTest extends ApiTestSupport {
  static final String RIVAL_KEY = "rival-key";

  @Inject AccountRepository accounts;
  @Inject ApiKeys keys;

  @BeforeAll
  void rivalAccount() {
    if (!accounts.existsById("rival")) {
      accounts.save(new Account("rival", "Rival", null));
    }
    keys.register("rival", RIVAL_KEY, "test");
  }

  static String email(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
  }

  String create(Map<String, Object> contact) {
    var created = call(auth(HttpRequest.POST("/v1/contacts", contact)));
    assertThat(created.code())
        .as(String.valueOf(created.getBody(JSON)))
        .isEqualTo(HttpStatus.CREATED.getCode());
    return (String) body(created).get("id");
  }

  static void assertProblem(HttpResponse<Map<String, Object>> response, HttpStatus status) {
    assertThat(response.code())
        .as(String.valueOf(response.getBody(JSON)))
        .isEqualTo(status.getCode());
    assertThat(response.getContentType().orElseThrow().toString())
        .isEqualTo("application/problem+json");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> items(HttpResponse<Map<String, Object>> response) {
    return (List<Map<String, Object>>) body(response).get("items");
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> timeline(String id) {
    var response = call(auth(HttpRequest.GET("/v1/contacts/" + id + "/timeline")));
    assertThat(response.code()).isEqualTo(200);
    return (List<Map<String, Object>>) body(response).get("items");
  }

  @Test
  void aContactIsCreatedReadAndFoundByEmailOrPhoneWhateverTheirForm() {
    String address = email("ada");
    String id =
        create(
            Map.of(
                "email",
                "  " + address + " ",
                "phone",
                "+1 (555) 010-2030",
                "firstName",
                "Ada",
                "timezone",
                "Europe/London",
                "tags",
                List.of("lead"),
                "fields",
                Map.of("plan", "free"),
                "dnd",
                Map.of("sms", true)));

    var read = body(call(auth(HttpRequest.GET("/v1/contacts/" + id))));
    assertThat(read)
        .containsEntry("email", address)
        .containsEntry("phone", "+15550102030")
        .containsEntry("firstName", "Ada")
        .containsEntry("tags", List.of("lead"))
        .containsEntry("score", 0)
        .containsEntry("fields", Map.of("plan", "free"))
        .containsEntry("dnd", Map.of("sms", true));

    var byEmail = call(auth(HttpRequest.GET("/v1/contacts?email=" + address.toUpperCase())));
    assertThat(items(byEmail))
        .singleElement()
        .satisfies(c -> assertThat(c).containsEntry("id", id));
    var byPhone = call(auth(HttpRequest.GET("/v1/contacts?phone=%2B15550102030")));
    assertThat(items(byPhone)).extracting(c -> c.get("id")).contains(id);
    var none = call(auth(HttpRequest.GET("/v1/contacts?email=nobody@example.com")));
    assertThat(items(none)).isEmpty();
  }

  @Test
  void badContactDataIsA400NamingEachPlace() {
    var response =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/contacts",
                    Map.of(
                        "email",
                        "not-an-email",
                        "timezone",
                        "Mars/Base",
                        "dnd",
                        Map.of("fax", true)))));
    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(body(response).get("errors").toString())
        .contains("path=/email")
        .contains("path=/timezone")
        .contains("path=/dnd/fax");

    var unknownOwner =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/contacts", Map.of("email", email("o"), "ownerId", "u_ghost"))));
    assertProblem(unknownOwner, HttpStatus.BAD_REQUEST);
    assertThat(body(unknownOwner).get("errors").toString()).contains("path=/ownerId");

    var wrongType =
        call(
            auth(
                HttpRequest.POST("/v1/contacts", "{\"score\": \"lots\"}")
                    .contentType("application/json")));
    assertProblem(wrongType, HttpStatus.BAD_REQUEST);
  }

  @Test
  void aSecondContactWithAnEmailInAnyCaseIsAConflict() {
    String address = email("dup");
    create(Map.of("email", address));
    var response =
        call(auth(HttpRequest.POST("/v1/contacts", Map.of("email", address.toUpperCase()))));
    assertProblem(response, HttpStatus.CONFLICT);
    assertThat(body(response).get("errors").toString()).contains("path=/email");
  }

  @Test
  void patchSetsClearsMergesAndReplacesTagsRaisingTheSameEventsAsActions() {
    String id =
        create(
            Map.of(
                "email",
                email("patch"),
                "phone",
                "+15550100001",
                "firstName",
                "Ada",
                "tags",
                List.of("lead", "trial"),
                "fields",
                Map.of("plan", "free", "old", "x")));
    String patch =
        """
        {"firstName": "Augusta", "phone": null, "score": 12, "fields": {"plan": "pro", "old": null},
         "tags": ["lead", "customer"]}""";
    var response =
        call(auth(HttpRequest.PATCH("/v1/contacts/" + id, patch).contentType("application/json")));

    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(200);
    assertThat(body(response))
        .containsEntry("firstName", "Augusta")
        .containsEntry("score", 12)
        .containsEntry("fields", Map.of("plan", "pro"))
        .containsEntry("tags", List.of("customer", "lead"))
        .as(String.valueOf(response.getBody(JSON)))
        .doesNotContainKey("phone");
    var events = timeline(id).stream().filter(i -> i.get("kind").equals("event")).toList();
    assertThat(events)
        .extracting(i -> i.get("type"))
        .contains("contact.created", "contact.updated", "contact.tag_added", "contact.tag_removed");
    assertThat(events)
        .filteredOn(i -> i.get("type").equals("contact.updated"))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.get("summary"))
                    .isEqualTo("changed phone, firstName, score, fields.old, fields.plan"));
    assertThat(events).allSatisfy(i -> assertThat(i.get("data").toString()).contains("via=api"));
  }

  @Test
  void aPatchWithUnknownOrMistypedKeysIsA400AndChangesNothing() {
    String id = create(Map.of("email", email("bad-patch"), "firstName", "Ada"));
    var response =
        call(
            auth(
                HttpRequest.PATCH(
                    "/v1/contacts/" + id,
                    Map.of(
                        "shoeSize", 42, "fields", "plan", "firstName", "Grace", "id", "c_other"))));
    assertProblem(response, HttpStatus.BAD_REQUEST);
    assertThat(body(response).get("errors").toString())
        .contains("path=/shoeSize")
        .contains("path=/fields")
        .contains("path=/id");
    assertThat(body(call(auth(HttpRequest.GET("/v1/contacts/" + id)))))
        .containsEntry("firstName", "Ada");
  }

  @Test
  void tagsAreAddedAndRemovedOneByOne() {
    String id = create(Map.of("email", email("tags")));
    var added =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/contacts/" + id + "/tags", Map.of("tags", List.of("vip", "beta")))));
    assertThat(body(added)).containsEntry("tags", List.of("beta", "vip"));
    var removed = call(auth(HttpRequest.DELETE("/v1/contacts/" + id + "/tags/vip")));
    assertThat(body(removed)).containsEntry("tags", List.of("beta"));
    var empty =
        call(auth(HttpRequest.POST("/v1/contacts/" + id + "/tags", Map.of("tags", List.of(" ")))));
    assertProblem(empty, HttpStatus.BAD_REQUEST);
  }

  @Test
  void aDeletedContactIsGone() {
    String id = create(Map.of("email", email("gone")));
    assertThat(call(auth(HttpRequest.DELETE("/v1/contacts/" + id))).code()).isEqualTo(204);
    assertProblem(call(auth(HttpRequest.GET("/v1/contacts/" + id))), HttpStatus.NOT_FOUND);
    assertProblem(call(auth(HttpRequest.DELETE("/v1/contacts/" + id))), HttpStatus.NOT_FOUND);
  }

  @Test
  void anotherAccountsKeyCanNeitherReadNorChangeAContact() {
    String address = email("private");
    String id = create(Map.of("email", address, "firstName", "Ada", "tags", List.of("vip")));

    List<MutableHttpRequest<?>> attempts =
        List.of(
            HttpRequest.GET("/v1/contacts/" + id),
            HttpRequest.PATCH("/v1/contacts/" + id, Map.of("firstName", "Mallory")),
            HttpRequest.DELETE("/v1/contacts/" + id),
            HttpRequest.POST("/v1/contacts/" + id + "/tags", Map.of("tags", List.of("pwned"))),
            HttpRequest.DELETE("/v1/contacts/" + id + "/tags/vip"),
            HttpRequest.GET("/v1/contacts/" + id + "/timeline"));
    for (var attempt : attempts) {
      var response = call(attempt.bearerAuth(RIVAL_KEY));
      assertThat(response.code()).as(attempt.getMethod() + " " + attempt.getPath()).isEqualTo(404);
      assertThat(body(response).toString()).doesNotContain("default");
    }
    assertThat(items(call(HttpRequest.GET("/v1/contacts?email=" + address).bearerAuth(RIVAL_KEY))))
        .isEmpty();
    assertThat(items(call(HttpRequest.GET("/v1/contacts").bearerAuth(RIVAL_KEY))))
        .noneMatch(c -> c.get("id").equals(id));

    var mine = body(call(auth(HttpRequest.GET("/v1/contacts/" + id))));
    assertThat(mine).containsEntry("firstName", "Ada").containsEntry("tags", List.of("vip"));
    assertThat(timeline(id))
        .extracting(i -> i.get("type"))
        .doesNotContain("contact.updated", "contact.tag_removed");
  }

  @Test
  void theTimelineShowsWhatAMapDidToTheContact() throws InterruptedException {
    String key = "tagger-" + UUID.randomUUID().toString().substring(0, 8);
    String map =
        """
        {"key": "%s", "name": "Tagger", "start": "tag",
         "steps": [
           {"id": "tag", "type": "add_tags", "tags": ["customer", "{{contact.firstName}}-fan"], "next": "done"},
           {"id": "done", "type": "end"}]}"""
            .formatted(key);
    assertThat(
            call(auth(HttpRequest.POST("/v1/automations", map).contentType("application/json")))
                .code())
        .isEqualTo(201);
    var published = call(auth(HttpRequest.POST("/v1/automations/" + key + "/publish", "")));
    assertThat(published.code()).as(String.valueOf(published.getBody(JSON))).isEqualTo(200);
    String id = create(Map.of("email", email("tour"), "firstName", "Ada"));

    var enrolled =
        call(
            auth(
                HttpRequest.POST(
                    "/v1/automations/" + key + "/enrollments", Map.of("contactId", id))));
    assertThat(enrolled.code()).isEqualTo(201);

    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (timeline(id).stream().noneMatch(i -> "add_tags".equals(i.get("type")))) {
      if (Instant.now().isAfter(deadline)) {
        fail("the map did not tag: " + timeline(id));
      }
      Thread.sleep(200);
    }
    var items = timeline(id);
    assertThat(items)
        .extracting(i -> i.get("summary"))
        .contains(
            key + "/tag: done, added customer, Ada-fan",
            "tag customer added",
            "tag Ada-fan added",
            "enrolled in " + key + " (version 1)");
    assertThat(items)
        .filteredOn(i -> "contact.tag_added".equals(i.get("type")))
        .hasSize(2)
        .allSatisfy(
            i ->
                assertThat(i.get("data").toString())
                    .contains("workflowId=default:" + key + ":" + id)
                    .contains("stepId=tag")
                    .contains("via=automation"));
    assertThat(body(call(auth(HttpRequest.GET("/v1/contacts/" + id)))))
        .containsEntry("tags", List.of("Ada-fan", "customer"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theContactListIsPagedByCursorAndRefusesACursorOrLimitItDidNotGive() {
    String account = "pager-" + UUID.randomUUID().toString().substring(0, 8);
    String key = account + "-key";
    accounts.save(new Account(account, "Pager", null));
    keys.register(account, key, "test");
    List<String> made = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      var created =
          call(
              HttpRequest.POST("/v1/contacts", Map.of("email", email("page" + i))).bearerAuth(key));
      assertThat(created.code()).isEqualTo(201);
      made.add(0, (String) body(created).get("id"));
    }

    List<Object> seen = new java.util.ArrayList<>();
    List<Integer> sizes = new java.util.ArrayList<>();
    String cursor = null;
    do {
      var page =
          body(
              call(
                  HttpRequest.GET(
                          "/v1/contacts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                      .bearerAuth(key)));
      var items = (List<Map<String, Object>>) page.get("items");
      sizes.add(items.size());
      items.forEach(c -> seen.add(c.get("id")));
      cursor = (String) page.get("cursor");
    } while (cursor != null && sizes.size() < 10);
    assertThat(sizes).containsExactly(2, 2, 1);
    assertThat(seen).as("newest first, each once").containsExactlyElementsOf(made);

    for (String query : List.of("cursor=nope", "cursor=" + made.get(0), "cursor=%21%21")) {
      var refused = call(HttpRequest.GET("/v1/contacts?" + query).bearerAuth(key));
      assertProblem(refused, HttpStatus.BAD_REQUEST);
      assertThat(body(refused).get("errors").toString()).as(query).contains("?cursor");
    }
    for (String query : List.of("limit=0", "limit=501", "limit=-3")) {
      var refused = call(HttpRequest.GET("/v1/contacts?" + query).bearerAuth(key));
      assertProblem(refused, HttpStatus.BAD_REQUEST);
      assertThat(body(refused).get("errors").toString()).as(query).contains("?limit");
      var timeline =
          call(
              HttpRequest.GET("/v1/contacts/" + made.get(0) + "/timeline?" + query)
                  .bearerAuth(key));
      assertProblem(timeline, HttpStatus.BAD_REQUEST);
      assertThat(body(timeline).get("errors").toString())
          .as("timeline " + query)
          .contains("?limit");
    }
  }
}
