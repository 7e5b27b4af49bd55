package dev.automap.app;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;

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
}
