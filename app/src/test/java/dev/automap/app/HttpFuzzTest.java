package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests against every route that takes a body (POST, PUT, PATCH), as the router lists
 * them: random JSON with hostile text (NUL, lone surrogates, right-to-left marks, long strings),
 * random numbers and sizes, hostile path values and content types. None may get a 5xx or a body
 * naming SQL, Java types or stack frames, and {@code /health} keeps answering meanwhile.
 */
class HttpFuzzTest {
  static final int TRIES = 400;
  private static final Pattern INTERNAL =
      Pattern.compile(
          "(?i)select .* from|insert into|java\\.[a-z]|Exception|org\\.postgresql|\\tat |\\$[0-9]"
              + "|StreamReadConstraints|StreamReadFeature|\\[Source:|Failed to convert"
              + "|LinkedHashMap|`(java|com|io)\\.");

  private static ApplicationContext context;
  private static URI base;
  private static HttpClient client;
  private static List<Route> routes;
  private static final AtomicInteger sent = new AtomicInteger();
  private static final Map<String, AtomicInteger> statuses = new java.util.TreeMap<>();

  /** A route's method and URI template. */
  record Route(HttpMethod method, String template) {}

  /** One request of the run. */
  record Call(
      Route route,
      List<String> pathValues,
      String body,
      String contentType,
      String accept,
      boolean key) {}

  @BeforeContainer
  static void start() throws Exception {
    context = ApplicationContext.run(Map.copyOf(EmbeddedStack.properties()));
    EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
    base = server.getURI();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    routes =
        context
            .getBean(Router.class)
            .uriRoutes()
            .filter(
                r ->
                    r.getHttpMethod() == HttpMethod.POST
                        || r.getHttpMethod() == HttpMethod.PUT
                        || r.getHttpMethod() == HttpMethod.PATCH)
            .map(r -> new Route(r.getHttpMethod(), r.getUriMatchTemplate().toString()))
            .filter(r -> !r.template().startsWith("/v1/test-failures"))
            .distinct()
            .toList();
    assertThat(routes).hasSizeGreaterThan(10);
    // things the random paths may name, so calls reach past "not found"
    send("POST", "/v1/contacts", "{\"email\":\"fuzz@x.com\",\"tags\":[\"a\"]}", true);
    send(
        "POST",
        "/v1/automations",
        "{\"key\":\"fuzz\",\"start\":\"e\",\"steps\":[{\"id\":\"e\",\"type\":\"end\"}]}",
        true);
  }

  @AfterContainer
  static void stop() {
    System.out.printf(
        "HTTP fuzz: %d requests over %d routes, statuses %s%n",
        sent.get(), routes.size(), statuses);
    if (context != null) {
      context.close();
    }
  }

  @Property(tries = TRIES)
  void noRequestBreaksTheServer(@ForAll("calls") Call call) throws Exception {
    String path = path(call);
    HttpResponse<String> response = send(call, path);
    assertThat(response.statusCode())
        .as(
            "%s %s %s (Content-Type %s, Accept %s) → %s",
            call.route().method(),
            path,
            abbreviate(call.body()),
            call.contentType(),
            call.accept(),
            response.body())
        .isLessThan(500);
    assertThat(response.body())
        .as(
            "%s %s (Content-Type %s, Accept %s) answered with internals: %s",
            call.route().method(),
            path,
            call.contentType(),
            call.accept(),
            abbreviate(response.body()))
        .doesNotContainPattern(INTERNAL);
    if (sent.get() % 25 == 0) {
      var health =
          client.send(
              HttpRequest.newBuilder(base.resolve("/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }
  }

  @Provide
  Arbitrary<Call> calls() {
    Arbitrary<Route> route = Arbitraries.of(routes);
    Arbitrary<List<String>> pathValues = pathValue().list().ofMaxSize(3);
    Arbitrary<String> body =
        Arbitraries.oneOf(
            json(3).map(HttpFuzzTest::write),
            json(3).map(HttpFuzzTest::write),
            json(3).map(HttpFuzzTest::write),
            text(),
            deep(),
            Arbitraries.just(""));
    Arbitrary<String> contentType =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(12, Arbitraries.just("application/json")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("application/json; charset=nope")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("application/json; charset=UTF-16")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("text/plain")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("application/yaml")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("application/x-www-form-urlencoded")));
    // what a browser, a careless client or nobody says it accepts
    Arbitrary<String> accept =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.just("")),
            net.jqwik.api.Tuple.of(
                2,
                Arbitraries.just(
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("application/xml")),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("*/*;q=abc")));
    Arbitrary<Boolean> key =
        Arbitraries.frequency(net.jqwik.api.Tuple.of(9, true), net.jqwik.api.Tuple.of(1, false));
    return Combinators.combine(route, pathValues, body, contentType, accept, key).as(Call::new);
  }

  /** JSON nested past what the parsers take: arrays, or objects around a value. */
  static Arbitrary<String> deep() {
    return Arbitraries.integers()
        .between(90, 3000)
        .flatMap(
            n ->
                Arbitraries.of(
                    "[".repeat(n) + "]".repeat(n),
                    "{\"data\":" + "{\"a\":".repeat(n) + "1" + "}".repeat(n) + "}",
                    "{\"fields\":{\"n\":" + "9".repeat(n) + "}}"));
  }

  static Arbitrary<String> pathValue() {
    return Arbitraries.oneOf(
        Arbitraries.of("fuzz", "nope", "c_none", "1", "-1", "..", "%2e%2e"),
        text().map(t -> t.length() > 300 ? t.substring(0, 300) : t));
  }

  /** Text of every kind, hostile kinds over-represented. */
  static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(20),
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.of(
            "a\u0000b",
            "\ud800",
            "x\udc00y",
            "\u202Eevil\u202C",
            "مرحبا",
            "😀",
            "' or 1=1 --",
            "{{contact.email}}",
            "P9999999999D",
            "PT9223372036854775807S",
            "9999-12-31T00:00:00Z",
            "+1000000000-01-01T00:00:00Z",
            "1e999",
            "a@b.c",
            "form.submitted",
            "email"),
        Arbitraries.integers().between(200, 5000).map("x"::repeat));
  }

  static final List<String> KEYS =
      List.of(
          "email",
          "phone",
          "firstName",
          "tags",
          "fields",
          "score",
          "dnd",
          "id",
          "name",
          "key",
          "type",
          "data",
          "contact",
          "contactId",
          "automation",
          "start",
          "until",
          "events",
          "after",
          "event",
          "steps",
          "stages",
          "version",
          "from",
          "to",
          "list",
          "contactIds",
          "occurredAt",
          "title",
          "status",
          "startsAt");

  /** A JSON value, nested up to the depth. */
  static Arbitrary<Object> json(int depth) {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            text().map(o -> (Object) o),
            Arbitraries.integers().map(o -> (Object) o),
            Arbitraries.longs().map(o -> (Object) o),
            Arbitraries.doubles().map(o -> (Object) o),
            Arbitraries.of("1e999", "-1e999", "123456789012345678901234567890", "0.1e-400")
                .map(n -> (Object) new RawNumber(n)),
            Arbitraries.of(true, false).map(o -> (Object) o),
            Arbitraries.just(null));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(KEYS), text());
    Arbitrary<Object> object =
        Arbitraries.maps(keys, json(depth - 1)).ofMaxSize(5).map(o -> (Object) o);
    Arbitrary<Object> array = json(depth - 1).list().ofMaxSize(5).map(o -> (Object) o);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, object),
        net.jqwik.api.Tuple.of(1, array),
        net.jqwik.api.Tuple.of(1, scalar));
  }

  /** A number as written, beyond what a double or long holds. */
  record RawNumber(String text) {}

  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private static void write(Object value, StringBuilder sb) {
    switch (value) {
      case null -> sb.append("null");
      case RawNumber n -> sb.append(n.text());
      case Double d when d.isNaN() || d.isInfinite() -> sb.append("1e999");
      case Number n -> sb.append(n);
      case Boolean b -> sb.append(b);
      case String s -> quote(s, sb);
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (var e : m.entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          quote(String.valueOf(e.getKey()), sb);
          sb.append(':');
          write(e.getValue(), sb);
        }
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(l.get(i), sb);
        }
        sb.append(']');
      }
      default -> quote(String.valueOf(value), sb);
    }
  }

  /** A JSON string; every char outside printable ASCII as an escape, lone surrogates included. */
  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  private static final Pattern VARIABLE = Pattern.compile("\\{[^}?]+}");

  static String path(Call call) {
    String template = call.route().template().replaceAll("\\{\\?[^}]*}", "");
    Matcher m = VARIABLE.matcher(template);
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (m.find()) {
      String value = i < call.pathValues().size() ? call.pathValues().get(i) : "fuzz";
      i++;
      m.appendReplacement(
          sb,
          Matcher.quoteReplacement(
              URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static HttpResponse<String> send(String method, String path, String body, boolean key)
      throws Exception {
    return send(
        new Call(
            new Route(HttpMethod.valueOf(method), path),
            List.of(),
            body,
            "application/json",
            "",
            key),
        path);
  }

  static HttpResponse<String> send(Call call, String path) throws Exception {
    var builder =
        HttpRequest.newBuilder(URI.create(base.toString() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", call.contentType())
            .method(
                call.route().method().name(),
                HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
    if (!call.accept().isEmpty()) {
      builder.header("Accept", call.accept());
    }
    if (call.key()) {
      builder.header("Authorization", "Bearer " + EmbeddedStack.API_KEY);
    }
    HttpResponse<String> response =
        client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    sent.incrementAndGet();
    synchronized (statuses) {
      statuses
          .computeIfAbsent(String.valueOf(response.statusCode()), s -> new AtomicInteger())
          .incrementAndGet();
    }
    return response;
  }

  static String abbreviate(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "…" : s;
  }
}
