package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route, as the router lists it, sent what an attacker sends, over a plain HTTP client: a NUL
 * in each path variable, in a query parameter and in the body, a body in a charset nobody knows;
 * error pages asked for as HTML; documents nested past the parsers' limits. Each is a 4xx
 * problem+json naming where, and no answer carries SQL, Java types or the parsers' names for their
 * settings.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRoutesApiTest extends ApiTestSupport {
  private static final Pattern INTERNAL =
      Pattern.compile(
          "(?i)select .* from|insert into|update .* set|java\\.[a-z]|Exception|org\\.postgresql"
              + "|\\tat |`|StreamReadConstraints|\\[Source:|LinkedHashMap|Failed to convert");
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}?]+)}");
  private static final Set<HttpMethod> METHODS =
      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  @Inject EmbeddedServer server;
  @Inject Router router;

  HttpClient client;

  /** A route's method and URI template. */
  record Route(HttpMethod method, String template) {}

  @BeforeAll
  void client() {
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  List<Route> routes() {
    return router
        .uriRoutes()
        .filter(r -> METHODS.contains(r.getHttpMethod()))
        .map(
            r ->
                new Route(
                    r.getHttpMethod(),
                    r.getUriMatchTemplate().toString().replaceAll("\\{\\?[^}]*}", "")))
        .filter(r -> !r.template().startsWith("/v1/test-failures"))
        .distinct()
        .toList();
  }

  HttpResponse<String> send(
      String method, String path, String body, String contentType, String accept, boolean key)
      throws Exception {
    var builder =
        HttpRequest.newBuilder(URI.create(server.getURI() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (accept != null) {
      builder.header("Accept", accept);
    }
    if (key) {
      builder.header("Authorization", "Bearer " + EmbeddedStack.API_KEY);
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The template with each variable as the value given, the rest as a plain word. */
  static String path(String template, String variable, String value) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          sb, Matcher.quoteReplacement(m.group(1).equals(variable) ? value : "word"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static List<String> variables(String template) {
    List<String> names = new ArrayList<>();
    Matcher m = VARIABLE.matcher(template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  static void refused(HttpResponse<String> response, String what, int status, String where) {
    assertThat(response.statusCode()).as("%s → %s", what, response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .as(what)
        .startsWith("application/problem+json");
    assertThat(response.body()).as(what).doesNotContainPattern(INTERNAL);
    if (where != null) {
      assertThat(response.body()).as(what).contains("\"path\":\"" + where + "\"");
    }
  }

  @Test
  void everyRouteRefusesANulInItsPathItsQueryAndItsBodyAndAnUnknownCharset() throws Exception {
    List<Route> routes = routes();
    // the routes of the API, the operator page, tracking and hooks (unauthenticated) among them
    assertThat(routes).hasSizeGreaterThanOrEqualTo(25);
    assertThat(routes).contains(new Route(HttpMethod.POST, "/hooks/{hookId}"));
    int checked = 0;
    for (Route route : routes) {
      String method = route.method().name();
      boolean withBody = route.method().permitsRequestBody() && route.method() != HttpMethod.DELETE;
      for (String variable : variables(route.template())) {
        String path = path(route.template(), variable, "a%00b");
        refused(
            send(method, path, withBody ? "{}" : null, "application/json", null, true),
            method + " " + path,
            400,
            "{" + variable + "}");
        checked++;
      }
      String plain = path(route.template(), "", "word");
      refused(
          send(method, plain + "?q=a%00b", null, null, null, true),
          method + " " + plain + "?q=a%00b",
          400,
          "?q");
      checked++;
      if (withBody) {
        refused(
            send(
                method,
                plain,
                "{\"email\":\"a\\u0000b@x.com\",\"name\":\"n\",\"key\":\"k\"}",
                "application/json",
                null,
                true),
            method + " " + plain + " with a NUL in /email",
            400,
            "/email");
        checked++;
        refused(
            send(method, plain, "{}", "application/json; charset=nope", null, true),
            method + " " + plain + " in charset nope",
            415,
            null);
        checked++;
      }
    }
    // and the hooks without a key, as their senders call them
    refused(
        send("POST", "/hooks/h%00k", "{}", "application/json", null, false),
        "POST /hooks/h%00k",
        400,
        "{hookId}");
    System.out.printf("%d hostile requests refused over %d routes%n", checked + 1, routes.size());
    assertThat(checked).isGreaterThan(routes.size());
  }

  @Test
  void errorsAreProblemJsonWhateverTheCallerAccepts() throws Exception {
    String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    // a body of the wrong type: the framework's own page named java.lang.Integer
    refused(
        send(
            "POST",
            "/v1/contacts",
            "{\"email\":\"html@x.com\",\"score\":\"high\"}",
            "application/json",
            browser,
            true),
        "a wrong type asked for as HTML",
        400,
        null);
    // a query value of the wrong type names the parameter
    refused(
        send("GET", "/v1/tasks?limit=abc", null, null, browser, true),
        "?limit=abc asked for as HTML",
        400,
        "?limit");
    refused(
        send("GET", "/v1/tasks?limit=1e9", null, null, null, true), "?limit=1e9", 400, "?limit");
    refused(send("GET", "/v1/nothing-here", null, null, browser, true), "no route", 404, null);
    refused(
        send("GET", "/v1/contacts", null, null, "text/html", true),
        "a type the route cannot give",
        406,
        null);
    // /health hides details from anonymous callers; its refusals are problems too, never a 500
    refused(send("DELETE", "/health", null, null, browser, false), "DELETE /health", 405, null);
    refused(
        send("POST", "/health", "{}", "application/json", browser, false),
        "POST /health",
        405,
        null);
    refused(
        send("DELETE", "/health", null, null, null, false), "DELETE /health as JSON", 405, null);
    var health = send("GET", "/health", null, null, browser, false);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void jsonBeyondTheParsersLimitsIsRefusedInPlainWords() throws Exception {
    String deepData =
        "{\"type\":\"a.b\",\"contact\":{\"email\":\"deep@x.com\"},\"data\":"
            + "{\"a\":".repeat(2000)
            + "1"
            + "}".repeat(2000)
            + "}";
    String deepArray = "[".repeat(5000) + "]".repeat(5000);
    String longNumber = "{\"key\":\"n\",\"version\":" + "9".repeat(2000) + "}";
    for (String[] call :
        List.of(
            new String[] {"POST", "/v1/events"},
            new String[] {"POST", "/v1/simulate"},
            new String[] {"POST", "/v1/automations"},
            new String[] {"POST", "/v1/automations/validate"},
            new String[] {"POST", "/v1/automations/import/hubspot"},
            new String[] {"PUT", "/v1/settings"},
            new String[] {"POST", "/v1/contacts"})) {
      for (String body : List.of(deepData, deepArray, longNumber)) {
        var response = send(call[0], call[1], body, "application/json", null, true);
        String what = call[0] + " " + call[1] + " " + body.substring(0, 30);
        if (call[1].endsWith("/validate")) {
          assertThat(response.statusCode()).as(what).isEqualTo(200);
          assertThat(response.body()).as(what).contains("\"valid\":false");
        } else {
          assertThat(response.statusCode()).as(what).isBetween(400, 499);
          refused(response, what, response.statusCode(), null);
        }
        assertThat(response.body()).as(what).doesNotContainPattern(INTERNAL);
      }
    }
    var events = send("POST", "/v1/events", deepArray, "application/json", null, true);
    assertThat(events.body()).contains("deeper than");
  }
}
