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
 */
@ServerFilter("/v1/**")
public class ApiKeyFilter {
  /** The request attribute holding the caller's account id. */
  public static final String ACCOUNT = "automap.account";

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
