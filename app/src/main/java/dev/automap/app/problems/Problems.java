package dev.automap.app.problems;

import dev.automap.definitions.problems.Problem;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.store.ContactNotFound;
import dev.automap.workers.temporal.TemporalUnavailable;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import io.temporal.client.WorkflowServiceException;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every error leaves the API as problem+json: the framework's own (no route, unreadable body)
 * through the body provider, the domain's through the handlers below.
 */
public final class Problems {
  private Problems() {}

  static String typeUri(String type) {
    return "https://automap.dev/problems/" + type;
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Problems.class);

  /** Words that show a message was written for a programmer: such messages stay in the log. */
  private static final java.util.regex.Pattern INTERNAL =
      java.util.regex.Pattern.compile(
          "java\\.|javax\\.|io\\.micronaut|com\\.fasterxml|org\\.|Exception|`|\\bat \\w+\\.|"
              + "Failed to convert|deserializ|SQL|\\$\\w+|\\[Source:");

  /** A framework message fit for a client, or a plain one in its place. */
  static String readable(String message, int status) {
    if (message == null || message.isBlank()) {
      return HttpStatus.valueOf(status).getReason();
    }
    if (!INTERNAL.matcher(message).find()) {
      return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
    return status == 400
        ? "a value is of the wrong type or shape (check numbers, lists and objects against the API)"
        : HttpStatus.valueOf(status).getReason();
  }

  /**
   * Where a framework error points: a query parameter as {@code ?limit}, a path variable as {@code
   * {id}}, a place in the body as a JSON Pointer ({@code body.score} as {@code /score}, the whole
   * body as the empty pointer).
   */
  static String where(String path, HttpRequest<?> request) {
    String name = path.startsWith("/") ? path.substring(1) : path;
    if (!name.isEmpty() && request.getParameters().contains(name)) {
      return "?" + name;
    }
    if (!name.isEmpty()
        && RouteAttributes.getRouteMatch(request)
            .filter(
                m -> m instanceof UriRouteMatch<?, ?> u && u.getVariableValues().containsKey(name))
            .isPresent()) {
      return "{" + name + "}";
    }
    return pointer(name);
  }

  /** A framework argument path ({@code body.score}) as a JSON Pointer ({@code /score}). */
  static String pointer(String path) {
    if (path.isEmpty()) {
      return path;
    }
    String p = path.startsWith("body") ? path.substring(4) : "/" + path;
    return p.replace('.', '/').replaceAll("\\[(\\d+)\\]", "/$1");
  }

  public static List<ProblemDetail.FieldError> fieldErrors(List<Problem> problems) {
    return problems.stream().map(p -> new ProblemDetail.FieldError(p.path(), p.message())).toList();
  }

  static MutableHttpResponse<ProblemDetail> respond(ApiProblem problem) {
    return HttpResponse.<ProblemDetail>status(problem.status())
        .contentType(ProblemDetail.CONTENT_TYPE)
        .body(problem.toDetail());
  }

  /**
   * The framework's errors leave as problem+json whatever the caller accepts: the framework's own
   * page for callers that accept HTML would carry its messages unfiltered (Java types among them).
   */
  @Singleton
  @Replaces(ErrorResponseProcessor.class)
  public static class ProblemResponses implements ErrorResponseProcessor<ProblemDetail> {
    private final FrameworkErrors bodies;

    public ProblemResponses(FrameworkErrors bodies) {
      this.bodies = bodies;
    }

    @Override
    public MutableHttpResponse<ProblemDetail> processResponse(
        ErrorContext context, MutableHttpResponse<?> response) {
      @SuppressWarnings("unchecked")
      MutableHttpResponse<ProblemDetail> problem = (MutableHttpResponse<ProblemDetail>) response;
      if (context.getRequest().getMethod() == HttpMethod.HEAD) {
        return problem;
      }
      return problem.body(bodies.body(context, response)).contentType(bodies.contentType());
    }
  }

  /** The framework's errors, in the same shape. */
  @Singleton
  @Replaces(JsonErrorResponseBodyProvider.class)
  public static class FrameworkErrors implements JsonErrorResponseBodyProvider<ProblemDetail> {
    @Override
    public ProblemDetail body(ErrorContext context, HttpResponse<?> response) {
      if (response.code() >= 500) {
        String id = Failures.newCorrelationId();
        LOG.error(
            "[{}] {} {} failed: {}",
            id,
            context.getRequest().getMethod(),
            context.getRequest().getPath(),
            context.getErrors().stream().map(e -> e.getMessage()).toList(),
            context.getRootCause().orElse(null));
        return Failures.internal(id);
      }
      List<ProblemDetail.FieldError> errors =
          context.getErrors().stream()
              .map(
                  e ->
                      new ProblemDetail.FieldError(
                          e.getPath().map(p -> where(p, context.getRequest())).orElse(""),
                          readable(e.getMessage(), response.code())))
              .toList();
      String detail = errors.isEmpty() ? response.reason() : errors.getFirst().message();
      return new ProblemDetail(
          typeUri("http-" + response.code()),
          response.reason(),
          response.code(),
          detail,
          errors.size() == 1 && errors.getFirst().path().isEmpty() ? List.of() : errors);
    }

    @Override
    public String contentType() {
      return ProblemDetail.CONTENT_TYPE;
    }
  }

  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class ApiProblemHandler
      implements ExceptionHandler<ApiProblem, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, ApiProblem exception) {
      return respond(exception);
    }
  }

  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class InvalidMapHandler
      implements ExceptionHandler<AutomationCatalog.InvalidMap, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, AutomationCatalog.InvalidMap e) {
      return respond(
          new ApiProblem(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "invalid-map",
              "the map has " + e.problems().size() + " problem(s)",
              fieldErrors(e.problems())));
    }
  }

  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class NoSuchAutomationHandler
      implements ExceptionHandler<AutomationCatalog.NoSuchAutomation, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(
        HttpRequest request, AutomationCatalog.NoSuchAutomation e) {
      return respond(ApiProblem.notFound(e.getMessage()));
    }
  }

  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class WrongStateHandler
      implements ExceptionHandler<AutomationCatalog.WrongState, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, AutomationCatalog.WrongState e) {
      return respond(new ApiProblem(HttpStatus.CONFLICT, "automation-state", e.getMessage()));
    }
  }

  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class ContactNotFoundHandler
      implements ExceptionHandler<ContactNotFound, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, ContactNotFound e) {
      return respond(ApiProblem.notFound(e.getMessage()));
    }
  }

  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class EnrollmentRefusedHandler
      implements ExceptionHandler<
          EnrollmentService.EnrollmentRefused, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(
        HttpRequest request, EnrollmentService.EnrollmentRefused e) {
      return respond(new ApiProblem(HttpStatus.CONFLICT, "enrollment-refused", e.getMessage()));
    }
  }

  /** Seconds a client is told to wait before asking again while Temporal is not answering. */
  static final String RETRY_AFTER_SECONDS = "5";

  static HttpResponse<ProblemDetail> unavailable(String detail) {
    return respond(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "temporal-unavailable", detail))
        .header("Retry-After", RETRY_AFTER_SECONDS);
  }

  /** Temporal did not answer: nothing was kept, the same request may be sent again. */
  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class TemporalUnavailableHandler
      implements ExceptionHandler<TemporalUnavailable, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, TemporalUnavailable e) {
      return unavailable(e.getMessage() + "; send the same request again");
    }
  }

  /** A call to Temporal that failed: 503 when the service is not answering. */
  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class TemporalCallHandler
      implements ExceptionHandler<WorkflowServiceException, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, WorkflowServiceException e) {
      return temporalFailure(e, e.getMessage());
    }
  }

  /** A raw gRPC failure from Temporal: 503 when the service is not answering. */
  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class GrpcHandler
      implements ExceptionHandler<StatusRuntimeException, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, StatusRuntimeException e) {
      return temporalFailure(e, e.getStatus());
    }
  }

  /** 503 while the Temporal service is not answering; otherwise a 500 saying what it refused. */
  private static HttpResponse<ProblemDetail> temporalFailure(RuntimeException e, Object refusal) {
    if (TemporalUnavailable.causes(e)) {
      return unavailable("the Temporal service is not answering; send the same request again");
    }
    return respond(
        new ApiProblem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "temporal-error",
            "Temporal refused the call: " + refusal));
  }
}
