package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The operator page: signed in by a key, its counts, diagram, links and buttons' API calls. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorPageTest extends ApiTestSupport {

  HttpResponse<String> page(MutableHttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request, String.class);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      var failed = (HttpResponse<String>) e.getResponse();
      failed.getBody(String.class);
      return failed;
    }
  }

  String html(MutableHttpRequest<?> request) {
    var response = page(request);
    assertThat(response.code()).as(response.getBody(String.class).orElse("")).isEqualTo(200);
    return response.getBody(String.class).orElseThrow();
  }

  Map<String, Object> ok(MutableHttpRequest<?> request, int status) {
    var response = call(auth(request));
    assertThat(response.code()).as(String.valueOf(response.getBody(JSON))).isEqualTo(status);
    return response.getBody(JSON).orElseThrow();
  }

  @SuppressWarnings("unchecked")
  boolean waitingOnTheDay(String key, int runs) {
    var live = call(auth(HttpRequest.GET("/ui/automations/" + key + "/figures?version=1")));
    assertThat(live.code()).isEqualTo(200);
    var figures = (Map<String, Object>) body(live).get("figures");
    var steps = (Map<String, Map<String, Object>>) figures.get("steps");
    return ((Number) steps.get("wait-a-day").get("active")).intValue() == runs;
  }

  /** The steps table's row of the step on the page: here/entered/done as the cells show them. */
  String stepRow(String key, String stepId) {
    String page = html(HttpRequest.GET("/ui/automations/" + key).bearerAuth(EmbeddedStack.API_KEY));
    int row = page.indexOf("data-step=\"" + stepId + "\"");
    assertThat(row).as("a row for " + stepId).isPositive();
    String cells = page.substring(row, page.indexOf("</tr>", row));
    var fig =
        java.util.regex.Pattern.compile("data-fig=\"(active|entered|completed)\">([^<]*)<")
            .matcher(cells);
    Map<String, String> shown = new java.util.HashMap<>();
    while (fig.find()) {
      shown.put(fig.group(1), fig.group(2));
    }
    return shown.get("active") + "/" + shown.get("entered") + "/" + shown.get("completed");
  }

  @Override
  public Map<String, String> getProperties() {
    var properties = new java.util.HashMap<>(super.getProperties());
    properties.put("micronaut.http.client.follow-redirects", "false");
    return properties;
  }

  @Test
  void withoutAKeyThePageSendsToTheSignInForm() {
    var response = page(HttpRequest.GET("/ui"));
    assertThat(response.code()).isEqualTo(303);
    assertThat(response.header("Location")).isEqualTo("/ui/signin");
    assertThat(html(HttpRequest.GET("/ui/signin"))).contains("name=\"key\"");
    var wrong =
        page(
            HttpRequest.POST("/ui/signin", "key=nope")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
    assertThat(wrong.code()).isEqualTo(401);
    assertThat(
            page(HttpRequest.GET("/ui")
                    .cookie(io.micronaut.http.cookie.Cookie.of("automap_key", "nope")))
                .code())
        .isEqualTo(303);
  }

  @Test
  void eachEndBoxCountsTheRunsThatEndedThere() throws InterruptedException {
    String key = "ends-" + UUID.randomUUID().toString().substring(0, 8);
    ok(
        HttpRequest.POST(
                "/v1/automations",
                """
                {"key": "%s", "start": "vip?",
                 "steps": [
                   {"id": "vip?", "type": "branch", "branches": [{"name": "vip", "when": {"cel": "'vip' in contact.tags"}, "next": "done-vip"}], "else": "done"},
                   {"id": "done-vip", "type": "end"},
                   {"id": "done", "type": "end"}]}"""
                    .formatted(key))
            .contentType("application/json"),
        201);
    ok(HttpRequest.POST("/v1/automations/" + key + "/publish", ""), 200);
    for (int i = 0; i < 3; i++) {
      String contact =
          (String)
              ok(
                      HttpRequest.POST(
                          "/v1/contacts",
                          Map.of(
                              "email",
                              key + i + "@example.com",
                              "tags",
                              i == 0 ? java.util.List.of("vip") : java.util.List.of())),
                      201)
                  .get("id");
      ok(
          HttpRequest.POST("/v1/automations/" + key + "/enrollments", Map.of("contactId", contact)),
          201);
    }
    // two runs ended on done, one on done-vip: each box its own, not the automation's three
    String done = "done&lt;/b&gt;&lt;br/&gt;&lt;i&gt;end&lt;/i&gt;&lt;br/&gt;2 ended here";
    String doneVip = "done-vip&lt;/b&gt;&lt;br/&gt;&lt;i&gt;end&lt;/i&gt;&lt;br/&gt;1 ended here";
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String detail;
    while (!(detail =
                html(HttpRequest.GET("/ui/automations/" + key).bearerAuth(EmbeddedStack.API_KEY)))
            .contains(done)
        || !detail.contains(doneVip)) {
      if (Instant.now().isAfter(deadline)) {
        fail("the end boxes do not count 2 and 1 runs that ended there: " + detail);
      }
      Thread.sleep(300);
    }
    // the live refresh draws the same
    var live = call(auth(HttpRequest.GET("/ui/automations/" + key + "/figures?version=1")));
    assertThat(body(live).get("diagram"))
        .asString()
        .contains("done</b><br/><i>end</i><br/>2 ended here")
        .contains("done-vip</b><br/><i>end</i><br/>1 ended here");
  }

  @Test
  void anAutomationWithWaitingRunsShowsCountsDiagramLinksAndItsButtonsWork()
      throws InterruptedException {
    String key = "page-" + UUID.randomUUID().toString().substring(0, 8);
    ok(
        HttpRequest.POST(
                "/v1/automations",
                """
                {"key": "%s", "name": "Page check", "start": "tag",
                 "steps": [
                   {"id": "tag", "type": "add_tags", "tags": ["seen"], "next": "vip?"},
                   {"id": "vip?", "type": "branch", "branches": [{"name": "vip", "when": {"cel": "'vip' in contact.tags"}, "next": "wait-vip"}], "else": "wait-a-day"},
                   {"id": "wait-vip", "type": "wait", "duration": "P1D", "next": "done"},
                   {"id": "wait-a-day", "type": "wait", "duration": "P1D", "next": "done"},
                   {"id": "done", "type": "end"}]}"""
                    .formatted(key))
            .contentType("application/json"),
        201);
    ok(HttpRequest.POST("/v1/automations/" + key + "/publish", ""), 200);
    String[] runs = new String[2];
    for (int i = 0; i < 2; i++) {
      String contact =
          (String)
              ok(HttpRequest.POST("/v1/contacts", Map.of("email", key + i + "@example.com")), 201)
                  .get("id");
      runs[i] =
          (String)
              ok(
                      HttpRequest.POST(
                          "/v1/automations/" + key + "/enrollments", Map.of("contactId", contact)),
                      201)
                  .get("enrollmentId");
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!waitingOnTheDay(key, 2)) {
      if (Instant.now().isAfter(deadline)) {
        fail("the page did not count two runs on wait-a-day");
      }
      Thread.sleep(300);
    }
    // flow steps show their counts like action steps do, not a dash
    deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!stepRow(key, "vip?").equals("0/2/2")) {
      if (Instant.now().isAfter(deadline)) {
        fail("the branch's row shows " + stepRow(key, "vip?") + ", not 0 here, 2 entered, 2 done");
      }
      Thread.sleep(300);
    }
    assertThat(stepRow(key, "wait-a-day")).isEqualTo("2/2/0");
    assertThat(stepRow(key, "tag")).isEqualTo("0/2/2");
    String detail =
        html(HttpRequest.GET("/ui/automations/" + key).bearerAuth(EmbeddedStack.API_KEY));
    assertThat(detail)
        .as("the branch's box in the diagram counts its visits")
        .contains(
            "vip#63;&lt;/b&gt;&lt;br/&gt;&lt;i&gt;branch&lt;/i&gt;&lt;br/&gt;0 here · 2 in · 2 done");
    // the list: state and counts
    String list = html(HttpRequest.GET("/ui").bearerAuth(EmbeddedStack.API_KEY));
    assertThat(list).contains("Page check").contains(key).contains(">active<");
    // the diagram's source: every step, with counts on steps and paths
    assertThat(detail)
        .contains("flowchart TD")
        .contains("wait-a-day&lt;/b&gt;&lt;br/&gt;&lt;i&gt;wait&lt;/i&gt;&lt;br/&gt;2 here")
        .contains("<h3>Runs on <code>wait-a-day</code></h3>")
        .contains("2 in · 2 done")
        .contains("else #183; 2")
        .contains("vip #183; 0");
    // the runs on the busiest step, each linked into Temporal UI, with buttons calling the API
    for (String run : runs) {
      assertThat(detail)
          .contains("/namespaces/default/workflows/" + run.replace(":", "%3A"))
          .contains("data-post=\"/v1/enrollments/" + run.replace(":", "%3A") + "/pause\"");
    }
    assertThat(detail).contains("/ui/static/mermaid-11.17.2.min.js");
    assertThat(page(HttpRequest.GET("/ui/static/mermaid-11.17.2.min.js")).code()).isEqualTo(200);
    assertThat(page(HttpRequest.GET("/ui/static/secret.txt")).code()).isEqualTo(404);

    // signed in by the form: the cookie opens the page, and the API only with the page's header
    var signedIn =
        page(
            HttpRequest.POST("/ui/signin", "key=" + EmbeddedStack.API_KEY)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED));
    assertThat(signedIn.code()).isEqualTo(303);
    var cookie = signedIn.getCookie("automap_key").orElseThrow();
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(html(HttpRequest.GET("/ui/automations/" + key).cookie(cookie)))
        .contains("Page check");
    assertThat(
            call(HttpRequest.POST("/v1/enrollments/" + runs[0] + "/pause", "{}").cookie(cookie))
                .code())
        .isEqualTo(401);
    assertThat(
            call(HttpRequest.POST(
                        "/v1/enrollments/" + runs[0] + "/pause", "{\"actor\": \"operator page\"}")
                    .cookie(cookie)
                    .header("X-Automap-Page", "1"))
                .code())
        .isEqualTo(202);
    deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!html(HttpRequest.GET("/ui/automations/" + key + "?step=wait-a-day").cookie(cookie))
        .contains("(1 paused)")) {
      if (Instant.now().isAfter(deadline)) {
        fail("the page did not show the paused run");
      }
      Thread.sleep(300);
    }
    var live = call(auth(HttpRequest.GET("/ui/automations/" + key + "/figures?version=1")));
    assertThat(live.code()).isEqualTo(200);
    assertThat(body(live).toString()).contains("wait-a-day").contains("flowchart TD");
  }
}
