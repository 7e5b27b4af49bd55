package dev.automap.app.codec;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Lets Temporal UI's page, served from another origin (the dev server's UI port, or the UI
 * container), call {@code /codec}: a preflight is answered here, and every answer names the
 * caller's origin as allowed, with the headers the UI sends ({@code X-Namespace}, {@code
 * Authorization}). Open to any origin as the codec itself is open to any caller; no cookie or
 * credential is honoured, so another site's page gains nothing it could not compute itself.
 */
@ServerFilter("/codec/**")
public class CodecCors {
  static final String ALLOWED_HEADERS = "Content-Type, X-Namespace, Authorization";

  /** A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) answered at once. */
  @RequestFilter
  @Nullable
  public HttpResponse<?> preflight(HttpRequest<?> request) {
    if (request.getMethod() != HttpMethod.OPTIONS) {
      return null;
    }
    return allow(HttpResponse.noContent(), request)
        .header("Access-Control-Allow-Methods", "POST, OPTIONS")
        .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .header("Access-Control-Max-Age", "600");
  }

  @ResponseFilter
  public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (request.getMethod() != HttpMethod.OPTIONS) {
      allow(response, request);
    }
  }

  private static MutableHttpResponse<?> allow(
      MutableHttpResponse<?> response, HttpRequest<?> request) {
    String origin = request.getHeaders().getOrigin().orElse(null);
    if (origin != null) {
      response.header("Access-Control-Allow-Origin", origin);
      response.header("Vary", "Origin");
    }
    return response;
  }
}
