package dev.automap.app.auth;

import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Every {@code /v1} call carries {@code Authorization: Bearer <key>}; the key names the account.
 * The operator page's own calls may carry its sign-in cookie instead, with the {@value
 * #PAGE_HEADER} header, which no other site's page can send (so a cookie alone moves nothing).
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter {
  /** The request attribute holding the caller's account id. */
  public static final String ACCOUNT = "automap.account";

  /** The cookie the operator page keeps its API key in. */
  public static final String COOKIE = "automap_key";

  /** The header the operator page sends with its calls of the API. */
  public static final String PAGE_HEADER = "X-Automap-Page";

  private final ApiKeys keys;

  public ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  /** Null lets the request through; a response refuses it. */
  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  public HttpResponse<ProblemDetail> authenticate(HttpRequest<?> request) {
    String header = request.getHeaders().getAuthorization().orElse("");
    if (header.isEmpty() && request.getHeaders().contains(PAGE_HEADER)) {
      var cookie = request.getCookies().findCookie(COOKIE);
      if (cookie.isPresent()) {
        header = "Bearer " + cookie.get().getValue();
      }
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return unauthorized("send Authorization: Bearer <api key>");
    }
    var account = keys.accountOf(header.substring(7).trim());
    if (account.isEmpty()) {
      return unauthorized("unknown API key");
    }
    request.setAttribute(ACCOUNT, account.get());
    return null;
  }

  private static HttpResponse<ProblemDetail> unauthorized(String detail) {
    var problem = new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    return HttpResponse.<ProblemDetail>status(HttpStatus.UNAUTHORIZED)
        .contentType(ProblemDetail.CONTENT_TYPE)
        .header("WWW-Authenticate", "Bearer")
        .body(problem.toDetail());
  }
}
