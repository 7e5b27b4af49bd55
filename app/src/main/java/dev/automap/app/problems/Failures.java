package dev.automap.app.problems;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What no other handler answers: a refusal of the database that the input caused becomes the 4xx it
 * is; anything else is a 500. Either way the client gets a stable {@code type}, a sentence for a
 * person and a correlation id, never the SQL, the exception or its stack, which go to the log under
 * that id.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  public static String newCorrelationId() {
    return UUID.randomUUID().toString();
  }

  /** The problem a database refusal stands for, or null when it is not the input's fault. */
  static ApiProblem fromDatabase(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return switch (state) {
          case "22021", "22P05", "22P02", "22025", "2200N", "22030", "22032" ->
              new ApiProblem(
                  HttpStatus.BAD_REQUEST,
                  "unstorable-text",
                  "the request holds text that cannot be stored (a NUL character, half a UTF-16"
                      + " pair or malformed JSON text)");
          case "54000", "22001", "54001" ->
              new ApiProblem(
                  HttpStatus.BAD_REQUEST,
                  "too-long",
                  "a value of the request is too long to store");
          case "22003", "22008", "22007", "22015" ->
              new ApiProblem(
                  HttpStatus.BAD_REQUEST,
                  "number-out-of-range",
                  "a number, time or duration of the request is out of range");
          case "23505", "40001", "40P01" ->
              new ApiProblem(
                  HttpStatus.CONFLICT,
                  "concurrent-change",
                  "another request changed the same thing at the same moment: try again");
          default -> null;
        };
      }
    }
    return null;
  }

  /**
   * True when the caller went away: its connection closed before the body was whole, or a preview
   * stopped because nobody waited for it any more.
   */
  static boolean callerGone(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.util.concurrent.CancellationException
          || t instanceof java.nio.channels.ClosedChannelException
          || (t instanceof java.io.EOFException eof
              && String.valueOf(eof.getMessage()).startsWith("Connection closed"))) {
        return true;
      }
    }
    return false;
  }

  /** Logs the failure under a new correlation id and answers it without its internals. */
  static HttpResponse<ProblemDetail> answer(HttpRequest<?> request, Throwable failure) {
    String id = newCorrelationId();
    ApiProblem known = fromDatabase(failure);
    ProblemDetail detail;
    if (callerGone(failure)) {
      // nobody reads this answer: no error to raise, no stack to fill the log with
      LOG.info(
          "[{}] {} {} abandoned by its caller: {}",
          id,
          request.getMethod(),
          request.getPath(),
          failure.toString());
      var d =
          new ApiProblem(
                  HttpStatus.BAD_REQUEST,
                  "request-abandoned",
                  "the connection closed before the request was whole or answered")
              .toDetail();
      detail = new ProblemDetail(d.type(), d.title(), d.status(), d.detail(), d.errors(), id);
    } else if (known != null) {
      LOG.warn(
          "[{}] {} {} refused by the database: {}",
          id,
          request.getMethod(),
          request.getPath(),
          failure.toString());
      var d = known.toDetail();
      detail = new ProblemDetail(d.type(), d.title(), d.status(), d.detail(), d.errors(), id);
    } else {
      LOG.error("[{}] {} {} failed", id, request.getMethod(), request.getPath(), failure);
      detail = internal(id);
    }
    return HttpResponse.<ProblemDetail>status(HttpStatus.valueOf(detail.status()))
        .contentType(ProblemDetail.CONTENT_TYPE)
        .header(ProblemDetail.CORRELATION_HEADER, id)
        .body(detail);
  }

  static ProblemDetail internal(String id) {
    return new ProblemDetail(
        Problems.typeUri("internal"),
        HttpStatus.INTERNAL_SERVER_ERROR.getReason(),
        500,
        "the server failed to answer this request; the log holds the detail under correlation id "
            + id,
        List.of(),
        id);
  }

  /** Every exception no more specific handler takes. */
  @Singleton
  @Produces(ProblemDetail.CONTENT_TYPE)
  public static class UnexpectedFailureHandler
      implements ExceptionHandler<Exception, HttpResponse<ProblemDetail>> {
    @Override
    public HttpResponse<ProblemDetail> handle(HttpRequest request, Exception exception) {
      return answer(request, exception);
    }
  }
}
