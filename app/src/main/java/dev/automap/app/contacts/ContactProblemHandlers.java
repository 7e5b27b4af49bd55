package dev.automap.app.contacts;

import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.workers.contacts.ContactProblem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Contact data the store refuses: 400 naming each place, 409 for an email another contact has. */
final class ContactProblemHandlers {
  private ContactProblemHandlers() {}

  static HttpResponse<ProblemDetail> respond(ApiProblem problem) {
    return HttpResponse.<ProblemDetail>status(problem.status())
        .contentType(ProblemDetail.CONTENT_TYPE)
        .body(problem.toDetail());
  }

  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  static class InvalidContactHandler
      implements ExceptionHandler<ContactProblem, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, ContactProblem e) {
      var errors =
          e.problems().stream()
              .map(p -> new ProblemDetail.FieldError(p.path(), p.message()))
              .toList();
      if (e instanceof ContactProblem.DuplicateEmail) {
        return respond(
            new ApiProblem(HttpStatus.CONFLICT, "duplicate-email", e.getMessage(), errors));
      }
      return respond(
          new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-contact", e.getMessage(), errors));
    }
  }
}
