package dev.automap.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/** What the API tests share: the embedded stack, a client, and calls that answer errors too. */
abstract class ApiTestSupport implements TestPropertyProvider {
  static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  @Override
  public Map<String, String> getProperties() {
    return EmbeddedStack.properties();
  }

  /** The request with the bootstrap account's key. */
  static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request) {
    return request.bearerAuth(EmbeddedStack.API_KEY);
  }

  /** Sends the request; an error status is answered as a response, with its problem body read. */
  HttpResponse<Map<String, Object>> call(MutableHttpRequest<?> request) {
    try {
      return http.toBlocking().exchange(request, JSON, JSON);
    } catch (HttpClientResponseException e) {
      @SuppressWarnings("unchecked")
      var failed = (HttpResponse<Map<String, Object>>) (HttpResponse<?>) e.getResponse();
      failed.getBody(JSON);
      return failed;
    }
  }

  static Map<String, Object> body(HttpResponse<Map<String, Object>> response) {
    return response.getBody(JSON).orElseThrow();
  }

  /** The prefix with a random tail: a key, a name or an address no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** GETs with the bootstrap key and expects 200. */
  Map<String, Object> get(String path) {
    var response = call(auth(HttpRequest.GET(path)));
    assertThat(response.code()).as(path).isEqualTo(200);
    return body(response);
  }

  /** A new contact with this score; its id. */
  String contact(int score) {
    return (String)
        post("/v1/contacts", Map.of("email", unique("c") + "@example.com", "score", score), 201)
            .get("id");
  }

  /** Enrolls the contact in the automation now; the run's enrollment id. */
  String enroll(String key, String contactId) {
    return (String)
        post("/v1/automations/" + key + "/enrollments", Map.of("contactId", contactId), 201)
            .get("enrollmentId");
  }

  /** POSTs JSON (a string as it is, else the object) with the bootstrap key; expects the status. */
  Map<String, Object> post(String path, Object json, int status) {
    MutableHttpRequest<?> request =
        json instanceof String text
            ? HttpRequest.POST(path, text).contentType("application/json")
            : HttpRequest.POST(path, json);
    var response = call(auth(request));
    assertThat(response.code()).as(path + " " + response.getBody(JSON)).isEqualTo(status);
    return response.getBody(JSON).orElse(Map.of());
  }
}
