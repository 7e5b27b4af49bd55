package dev.automap.app.enrollments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of enrollments ended: the last run's start and workflow ID (the listing's order), as
 * an opaque token. A run started meanwhile does not shift the pages after it.
 */
record EnrollmentCursor(Instant startedAt, String workflowId) {

  String write() {
    String text = startedAt.getEpochSecond() + "." + startedAt.getNano() + "|" + workflowId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a token names; null when it is not one this API gave. */
  static EnrollmentCursor read(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      int dot = text.indexOf('.');
      if (bar < 0 || dot < 0 || dot > bar) {
        return null;
      }
      long seconds = Long.parseLong(text.substring(0, dot));
      int nanos = Integer.parseInt(text.substring(dot + 1, bar));
      return new EnrollmentCursor(Instant.ofEpochSecond(seconds, nanos), text.substring(bar + 1));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return null;
    }
  }
}
