package dev.automap.app.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem. {@code errors} names each place the input was at fault; {@code
 * correlationId}, on failures the server logged, names the log entry that holds the detail.
 *
 * @param type a stable URI naming the kind of problem
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetail(
    String type,
    String title,
    int status,
    String detail,
    List<FieldError> errors,
    @Nullable String correlationId) {

  public static final String CONTENT_TYPE = "application/problem+json";

  /** The response header carrying the correlation id too. */
  public static final String CORRELATION_HEADER = "X-Correlation-Id";

  public ProblemDetail(
      String type, String title, int status, String detail, List<FieldError> errors) {
    this(type, title, status, detail, errors, null);
  }

  /** One thing wrong with the input: a JSON Pointer into it and what is wrong there. */
  @Serdeable
  public record FieldError(String path, String message) {}
}
