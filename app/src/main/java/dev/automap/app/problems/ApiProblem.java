package dev.automap.app.problems;

import io.micronaut.http.HttpStatus;
import java.util.List;

/** A request the API refuses, answered as problem+json with the given status. */
public class ApiProblem extends RuntimeException {
  private final HttpStatus status;
  private final String type;
  private final transient List<ProblemDetail.FieldError> errors;

  public ApiProblem(
      HttpStatus status, String type, String detail, List<ProblemDetail.FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.errors = List.copyOf(errors);
  }

  public ApiProblem(HttpStatus status, String type, String detail) {
    this(status, type, detail, List.of());
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", detail);
  }

  public ProblemDetail toDetail() {
    return new ProblemDetail(
        Problems.typeUri(type), status.getReason(), status.getCode(), getMessage(), errors);
  }

  public HttpStatus status() {
    return status;
  }
}
