package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What an attacker or a careless client sends: refused with a 4xx naming where, never a 500. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputApiTest extends ApiTestSupport {

  static final String NUL = "\\u0000";
  static final String LONE = "\\ud800";

  HttpResponse<Map<String, Object>> send(MutableHttpRequest<?> request) {
    return call(auth(request));
  }

  static MutableHttpRequest<String> json(MutableHttpRequest<String> request) {
    return request.contentType("application/json");
  }

  /** The problem body, asserted free of SQL, Java types and stack text. */
  static String clean(HttpResponse<Map<String, Object>> response) {
    String text = String.valueOf(response.getBody(JSON).orElse(Map.of()));
    assertThat(text)
        .doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("insert into")
        .doesNotContain("java.")
        .doesNotContain("Exception")
        .doesNotContain("org.postgresql")
        .doesNotContain("\tat ");
    return text;
  }

  static void refused(HttpResponse<Map<String, Object>> response, int status, String path) {
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(status);
    assertThat(String.valueOf(response.getContentType().orElseThrow()))
        .startsWith("application/problem+json");
    String text = clean(response);
    if (path != null) {
      assertThat(text).contains("path=" + path + ",");
    }
  }

  @Test
  void aNulInAContactsEmailIsA400NamingTheField() {
    var response =
        send(json(HttpRequest.POST("/v1/contacts", "{\"email\":\"a" + NUL + "b@x.com\"}")));
    refused(response, 400, "/email");
  }

  @Test
  void aNulInAPathOrQueryIsA400() {
    refused(send(HttpRequest.GET("/v1/contacts/a%00b")), 400, "{id}");
    refused(send(HttpRequest.GET("/v1/contacts?email=a%00b@x.com")), 400, "?email");
    refused(send(HttpRequest.GET("/v1/automations/k%00y")), 400, "{key}");
  }

  @Test
  void aNulOrLoneSurrogateInAnUnauthenticatedHookCallIsA400() {
    var hook = body(send(json(HttpRequest.POST("/v1/hooks", "{\"name\":\"form\"}"))));
    String url = (String) hook.get("url");
    refused(call(json(HttpRequest.POST(url, "{\"email\":\"x" + NUL + "@x.com\"}"))), 400, "/email");
    refused(call(json(HttpRequest.POST(url, "{\"note\":\"" + LONE + "\"}"))), 400, "/note");
    refused(call(json(HttpRequest.POST("/hooks/h%00k", "{}"))), 400, "{hookId}");
    // a hook's body is the sender's own: only what names the contact is held to the name limit
    var free = call(json(HttpRequest.POST(url, "{\"title\":\"" + "t".repeat(500) + "\"}")));
    assertThat(free.code()).isEqualTo(202);
    refused(
        call(json(HttpRequest.POST(url, "{\"email\":\"" + "e".repeat(500) + "@x.com\"}"))),
        400,
        "/email");
  }

  @Test
  void aLoneSurrogateInTagsFieldsOrEventDataIsA400NamingTheField() {
    refused(
        send(
            json(
                HttpRequest.POST(
                    "/v1/contacts",
                    "{\"email\":\"s1@x.com\",\"tags\":[\"ok\",\"" + LONE + "\"]}"))),
        400,
        "/tags/1");
    refused(
        send(
            json(
                HttpRequest.POST(
                    "/v1/contacts", "{\"email\":\"s2@x.com\",\"fields\":{\"a\":\"\\udc01x\"}}"))),
        400,
        "/fields/a");
    refused(
        send(
            json(
                HttpRequest.POST(
                    "/v1/events",
                    "[{\"type\":\"form.submitted\",\"contact\":{\"email\":\"s3@x.com\"},"
                        + "\"data\":{\"k\":\""
                        + LONE
                        + "\"}}]"))),
        400,
        "/0/data/k");
    refused(
        send(json(HttpRequest.POST("/v1/contacts", "{\"email\":\"s4@x.com\",\"" + NUL + "\":1}"))),
        400,
        null);
  }

  @Test
  void anUnknownCharsetIs415() {
    var response =
        send(
            HttpRequest.POST(
                    "/v1/contacts", "{\"email\":\"cs@x.com\"}".getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/json; charset=nope"));
    refused(response, 415, null);
  }

  @Test
  void aNumberOutOfRangeIsA400WithTheLimit() {
    var created = body(send(json(HttpRequest.POST("/v1/contacts", "{\"email\":\"n@x.com\"}"))));
    var response =
        send(
            json(
                HttpRequest.PATCH(
                    "/v1/contacts/" + created.get("id"), "{\"fields\":{\"n\":1e999}}")));
    refused(response, 400, "/fields/n");
    assertThat(clean(response)).contains("1.7976931348623157E308");
  }

  @Test
  void aWrongTypeIsA400ThatNamesNoJavaType() {
    var response =
        send(json(HttpRequest.POST("/v1/contacts", "{\"email\":\"t@x.com\",\"score\":\"high\"}")));
    refused(response, 400, null);
    response = send(json(HttpRequest.POST("/v1/contacts", "{\"email\":\"t2@x.com\",\"tags\":5}")));
    refused(response, 400, null);
    // where a contact changes, too: its tags stay a list of text for every step that reads them
    String id =
        (String)
            body(send(
                    json(
                        HttpRequest.POST(
                            "/v1/contacts", "{\"email\":\"t3@x.com\",\"tags\":[\"a\"]}"))))
                .get("id");
    refused(send(json(HttpRequest.PATCH("/v1/contacts/" + id, "{\"tags\":5}"))), 400, "/tags");
    refused(
        send(json(HttpRequest.PATCH("/v1/contacts/" + id, "{\"tags\":[1,{\"b\":2}]}"))),
        400,
        "/tags");
    refused(
        send(json(HttpRequest.POST("/v1/contacts/" + id + "/tags", "{\"tags\":5}"))), 400, null);
    assertThat(body(send(HttpRequest.GET("/v1/contacts/" + id))))
        .containsEntry("tags", List.of("a"));
  }

  @Test
  void overLongIdsAndNamesAreA400WithTheLimit() {
    String huge = "x".repeat(1_000_000);
    var response = send(json(HttpRequest.POST("/v1/users", "{\"id\":\"" + huge + "\"}")));
    refused(response, 400, "/id");
    assertThat(clean(response)).contains("200");
    response = send(json(HttpRequest.POST("/v1/pipelines", "{\"name\":\"" + huge + "\"}")));
    refused(response, 400, "/name");
  }

  @Test
  void whatTheDatabaseRefusesIsA400WithoutItsText() {
    // YAML's own escape puts a NUL where no JSON scan sees it: the store's refusal is still a 400
    var response =
        send(
            HttpRequest.POST(
                    "/v1/automations",
                    "key: nul-name\nname: \"a\\0b\"\nstart: e\nsteps:\n  - id: e\n    type: end\n")
                .contentType("application/yaml"));
    refused(response, 400, null);
    // the database's words stay in the log, under the id the answer gives
    String id = (String) body(response).get("correlationId");
    assertThat(id).isNotBlank();
    assertThat(response.getHeaders().get("X-Correlation-Id")).isEqualTo(id);
  }

  @Test
  void anUnexpectedFailureIsA500WithACorrelationIdAndNoInternals() {
    var response = send(HttpRequest.GET("/v1/test-failures/boom"));
    assertThat(response.code()).isEqualTo(500);
    String text = clean(response);
    assertThat(text).doesNotContain("secret_table").contains("correlationId=");
    String id = (String) body(response).get("correlationId");
    assertThat(response.getHeaders().get("X-Correlation-Id")).isEqualTo(id);
    assertThat(body(response).get("type")).isEqualTo("https://automap.dev/problems/internal");
  }

  @Test
  void concurrentFirstSavesOfAKeyMakeOneAutomationWithVersionsInTurn() throws Exception {
    String map =
        "{\"key\":\"race\",\"name\":\"Race\",\"start\":\"e\",\"steps\":[{\"id\":\"e\",\"type\":\"end\"}]}";
    // as the attack had it: 48 first saves by POST and 16 by PUT, all at once
    List<Callable<HttpResponse<Map<String, Object>>>> calls = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      calls.add(() -> send(json(HttpRequest.POST("/v1/automations", map))));
      if (i % 3 == 0) {
        calls.add(() -> send(json(HttpRequest.PUT("/v1/automations/race", map))));
      }
    }
    assertThat(calls).hasSize(64);
    List<Integer> versions = new ArrayList<>();
    int created = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (Future<HttpResponse<Map<String, Object>>> f : pool.invokeAll(calls)) {
        var response = f.get();
        assertThat(response.code()).as(String.valueOf(response.body())).isIn(200, 201, 409);
        if (response.code() == 409) {
          refused(response, 409, null);
          continue;
        }
        int version = ((Number) body(response).get("version")).intValue();
        versions.add(version);
        if (version == 1) {
          created++;
        }
      }
    }
    assertThat(created).as("one save made the automation").isEqualTo(1);
    // the saves that succeeded are numbered in turn: 1, 2, 3, ... with no gap and no repeat
    assertThat(versions.stream().sorted().toList())
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, versions.size()).boxed().toList());
    var automation = body(send(HttpRequest.GET("/v1/automations/race")));
    assertThat(automation.get("versions")).isEqualTo(versions.stream().sorted().toList());
    var all =
        http.toBlocking()
            .retrieve(
                auth(HttpRequest.GET("/v1/automations")),
                io.micronaut.core.type.Argument.listOf(JSON));
    assertThat(all.stream().filter(a -> "race".equals(a.get("key"))).count()).isEqualTo(1);
  }

  @Test
  void healthShowsOnlyStatusesWithoutAKey() {
    var open = http.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
    String text = open.body();
    assertThat(text).contains("\"status\":\"UP\"").contains("jdbc").contains("temporal");
    assertThat(text)
        .doesNotContain("postgresql:")
        .doesNotContain("address")
        .doesNotContain("database")
        .doesNotContain("total");
    assertThat(text)
        .as("how Temporal runs is the contract's to say to anyone")
        .contains("\"mode\":\"in-memory\"");
    String detailed;
    try {
      detailed = http.toBlocking().retrieve(auth(HttpRequest.GET("/health")), String.class);
    } catch (HttpClientResponseException e) {
      detailed = e.getResponse().getBody(String.class).orElse("");
    }
    assertThat(detailed).contains("address").contains("namespace");
  }

  @Test
  void anEventIdResentWithADifferentPayloadIsFlagged() {
    String first =
        "{\"id\":\"evt-diff-1\",\"type\":\"form.submitted\",\"contact\":{\"email\":\"d@x.com\"},"
            + "\"data\":{\"plan\":\"pro\"}}";
    assertThat(send(json(HttpRequest.POST("/v1/events", first))).code()).isEqualTo(202);
    var same = results(send(json(HttpRequest.POST("/v1/events", first))));
    assertThat(same).containsEntry("duplicate", true).containsEntry("differs", false);
    var other =
        results(send(json(HttpRequest.POST("/v1/events", first.replace("\"pro\"", "\"free\"")))));
    assertThat(other).containsEntry("duplicate", true).containsEntry("differs", true);
  }

  @Test
  void anEventsDataIsStoredAsSentWhateverItHolds() {
    String first =
        """
        {"id": "evt-data-1", "type": "form.submitted", "contact": {"email": "data@x.com"},
         "data": {"plan": "pro", "seats": 3, "big": 9007199254740993, "ratio": 0.25,
          "tiny": -1.5e-7, "on": true, "off": false, "none": null, "name": "Zoë 🚀",
          "nested": {"list": [1, "two", {"three": [3.0, null]}], "empty": {}}, "none2": []}}""";
    assertThat(results(send(json(HttpRequest.POST("/v1/events", first)))))
        .containsEntry("accepted", true)
        .containsEntry("duplicate", false);
    // sent again as it was, it is the stored event: the same values, read back from the store
    assertThat(results(send(json(HttpRequest.POST("/v1/events", first)))))
        .containsEntry("duplicate", true)
        .containsEntry("differs", false);
    // one value deep inside changed (3.0 to 3.5), or the long one off by one: another payload
    for (String changed :
        List.of(
            first.replace("[3.0, null]", "[3.5, null]"),
            first.replace("9007199254740993", "9007199254740992"))) {
      assertThat(results(send(json(HttpRequest.POST("/v1/events", changed)))))
          .containsEntry("duplicate", true)
          .containsEntry("differs", true);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> results(HttpResponse<Map<String, Object>> response) {
    assertThat(response.code()).isEqualTo(202);
    return ((List<Map<String, Object>>) body(response).get("results")).getFirst();
  }
}
