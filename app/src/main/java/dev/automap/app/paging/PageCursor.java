package dev.automap.app.paging;

import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Where a page of a newest-first listing ended: the last item's time and ID (the listing's order),
 * as an opaque token. An item added meanwhile does not shift the pages after it. The listings that
 * page this way read their {@code limit} and {@code cursor} here, so each refuses them alike.
 */
public record PageCursor(Instant at, String id) {
  public static final int DEFAULT_PAGE = 50;
  public static final int MAX_PAGE = 500;

  public String write() {
    String text = at.getEpochSecond() + "." + at.getNano() + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a token names; null when it is not one this API gave. */
  @Nullable
  static PageCursor read(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      int dot = text.indexOf('.');
      if (bar < 0 || dot < 0 || dot > bar) {
        return null;
      }
      long seconds = Long.parseLong(text.substring(0, dot));
      int nanos = Integer.parseInt(text.substring(dot + 1, bar));
      return new PageCursor(Instant.ofEpochSecond(seconds, nanos), text.substring(bar + 1));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return null;
    }
  }

  /** The {@code ?cursor} a listing was given: null for the first page, a 400 if not ours. */
  @Nullable
  public static PageCursor after(@Nullable String cursor) {
    if (cursor == null) {
      return null;
    }
    PageCursor after = read(cursor);
    if (after == null) {
      throw invalid("?cursor", "not a cursor this API gave", "not a cursor this API gave");
    }
    return after;
  }

  /** The {@code ?limit} a listing was given: 50 when absent, a 400 outside 1 to 500. */
  public static int limit(@Nullable Integer limit) {
    int size = limit == null ? DEFAULT_PAGE : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw invalid("?limit", "limit must be 1 to " + MAX_PAGE, "1 to " + MAX_PAGE);
    }
    return size;
  }

  private static ApiProblem invalid(String path, String message, String detail) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        message,
        List.of(new ProblemDetail.FieldError(path, detail)));
  }
}
