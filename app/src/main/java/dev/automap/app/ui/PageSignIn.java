package dev.automap.app.ui;

import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.auth.ApiKeys;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.Optional;

/**
 * The operator page is signed in with an API key: a {@code Bearer} header, or the cookie the
 * sign-in form sets. Without one, a page request is sent to the sign-in form; its static files and
 * the form itself need none.
 */
@ServerFilter("/ui/**")
public class PageSignIn {
  private final ApiKeys keys;

  public PageSignIn(ApiKeys keys) {
    this.keys = keys;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  public HttpResponse<?> signIn(HttpRequest<?> request) {
    String path = request.getPath();
    if (path.startsWith("/ui/static/") || path.equals("/ui/signin")) {
      return null;
    }
    Optional<String> account = accountOf(request);
    if (account.isEmpty()) {
      return HttpResponse.seeOther(URI.create("/ui/signin"));
    }
    request.setAttribute(ApiKeyFilter.ACCOUNT, account.get());
    return null;
  }

  private Optional<String> accountOf(HttpRequest<?> request) {
    String header = request.getHeaders().getAuthorization().orElse("");
    if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return keys.accountOf(header.substring(7).trim());
    }
    return request
        .getCookies()
        .findCookie(ApiKeyFilter.COOKIE)
        .flatMap(cookie -> keys.accountOf(cookie.getValue()));
  }
}
