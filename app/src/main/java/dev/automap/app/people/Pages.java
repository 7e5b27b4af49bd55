package dev.automap.app.people;

import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/** Page sizes, cursors and times as the people calls read them, each refused with its place. */
final class Pages {
  static final int MAX_PAGE = 500;

  private Pages() {}

  static int limit(@Nullable Integer limit) {
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw invalid("?limit", "limit must be 1 to " + MAX_PAGE);
    }
    return size;
  }

  static int offset(@Nullable String cursor) {
    if (cursor == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(cursor);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalid("?cursor", "not a cursor this API gave");
  }

  /** The cursor of the page after this one, when there is more. */
  @Nullable
  static String next(int found, int size, int offset) {
    return found > size ? String.valueOf(offset + size) : null;
  }

  @Nullable
  static Instant instant(@Nullable String text, String path) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeException e) {
      throw invalid(path, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
    }
  }

  static ApiProblem invalid(String path, String message) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        message,
        List.of(new ProblemDetail.FieldError(path, message)));
  }
}
