package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route the app serves is in {@code /openapi.yml}, each with a description and an example.
 * The routes are read from the router, so an endpoint added later is checked without this test
 * changing; only routes compiled from the test sources are left out.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiCoverageTest extends ApiTestSupport {
  @Inject Router router;

  JsonNode document;

  @BeforeAll
  void read() throws Exception {
    HttpResponse<String> response =
        http.toBlocking().exchange(HttpRequest.GET("/openapi.yml"), String.class);
    assertThat(response.getContentType().orElseThrow().toString()).startsWith("application/yaml");
    document = new ObjectMapper(new YAMLFactory()).readTree(response.body());
  }

  /** The routes served, as "get /v1/contacts/{id}", with the URI template's variables named. */
  List<String> served() {
    List<String> routes = new ArrayList<>();
    router
        .uriRoutes()
        .filter(route -> !fromTestSources(route))
        // HEAD is answered for every GET route, documented with its GET
        .filter(route -> !route.getHttpMethodName().equals("HEAD"))
        .forEach(
            route ->
                routes.add(
                    route.getHttpMethodName().toLowerCase(Locale.ROOT)
                        + " "
                        + path(route.getUriMatchTemplate().toPathString())));
    return routes;
  }

  static boolean fromTestSources(UriRouteInfo<?, ?> route) {
    var source = route.getDeclaringType().getProtectionDomain().getCodeSource();
    return source != null && source.getLocation().toString().contains("/test-classes/");
  }

  /** A route template as OpenAPI writes its path: no query part, {@code {name}} variables. */
  static String path(String template) {
    String path = template.replaceAll("\\{[?&][^}]*}", "").replaceAll("\\{/", "/{");
    path = path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Test
  void theDocumentIsOpenApi31() {
    assertThat(document.path("openapi").asText()).startsWith("3.1");
  }

  @Test
  void everyServedRouteIsDocumentedWithADescriptionAndAnExample() {
    List<String> routes = served();
    assertThat(routes)
        .as("the router's routes")
        .contains("get /openapi.yml", "get /health", "get /prometheus", "post /v1/events");
    TreeSet<String> missing = new TreeSet<>();
    TreeSet<String> undescribed = new TreeSet<>();
    TreeSet<String> withoutExample = new TreeSet<>();
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1);
      JsonNode operation = document.path("paths").path(path).path(method);
      if (operation.isMissingNode()) {
        missing.add(route);
        continue;
      }
      if (operation.path("description").asText("").isBlank()) {
        undescribed.add(route);
      }
      if (!hasExample(operation)) {
        withoutExample.add(route);
      }
    }
    assertThat(missing).as("routes missing from /openapi.yml").isEmpty();
    assertThat(undescribed).as("operations without a description").isEmpty();
    assertThat(withoutExample).as("operations without an example").isEmpty();
  }

  @Test
  void docsShowTheDocumentInRedoc() {
    String page = http.toBlocking().retrieve(HttpRequest.GET("/docs/index.html"));
    assertThat(page).contains("/openapi.yml").contains("/docs/res/redoc.standalone.js");
    String script = http.toBlocking().retrieve(HttpRequest.GET("/docs/res/redoc.standalone.js"));
    assertThat(script).hasSizeGreaterThan(100_000);
  }

  /** An example anywhere in the operation: request body, responses or parameters. */
  static boolean hasExample(JsonNode node) {
    if (node.has("example") || (node.has("examples") && !node.get("examples").isEmpty())) {
      return true;
    }
    for (JsonNode child : node) {
      if (child.isContainerNode() && hasExample(child)) {
        return true;
      }
    }
    return false;
  }
}
