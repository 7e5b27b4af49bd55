package dev.automap.app.tracking;

import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.tracking.EmailFeedback;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.Base64;

/**
 * The links of an email that lead back (channels.md, Tracking), open to anyone holding one: the
 * open pixel {@code GET /t/o/{token}}, a click {@code GET /t/c/{token}} (302 to the original link)
 * and the unsubscribe page {@code GET /t/u/{token}}, whose {@code POST} (the page's button, or a
 * mail client's RFC 8058 one-click request) unsubscribes. A token not signed here is a 404 and
 * changes nothing.
 */
@Controller("/t")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrackingController {
  /** A transparent 1×1 GIF. */
  private static final byte[] PIXEL =
      Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

  private static final String GONE = "no such link: it was altered, or its message is no more";

  private final EmailFeedback feedback;

  public TrackingController(EmailFeedback feedback) {
    this.feedback = feedback;
  }

  @Get("/o/{token}")
  public HttpResponse<byte[]> open(@PathVariable String token) {
    feedback.opened(token).orElseThrow(() -> ApiProblem.notFound(GONE));
    return HttpResponse.ok(PIXEL)
        .contentType(MediaType.IMAGE_GIF_TYPE)
        .header("Cache-Control", "no-store, max-age=0");
  }

  @Get("/c/{token}")
  public HttpResponse<Object> click(@PathVariable String token) {
    String url = feedback.clicked(token).orElseThrow(() -> ApiProblem.notFound(GONE));
    return HttpResponse.status(HttpStatus.FOUND)
        .headers(h -> h.location(URI.create(url)))
        .header("Cache-Control", "no-store");
  }

  @Get(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> unsubscribePage(@PathVariable String token) {
    feedback.unsubscribeTarget(token).orElseThrow(() -> ApiProblem.notFound(GONE));
    return page(
        "Unsubscribe",
        "<p>Stop receiving these emails?</p>"
            + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
  }

  @Post(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN, MediaType.ALL})
  public HttpResponse<String> unsubscribe(@PathVariable String token) {
    feedback.unsubscribe(token).orElseThrow(() -> ApiProblem.notFound(GONE));
    return page("Unsubscribed", "<p>You are unsubscribed: no more of these emails.</p>");
  }

  private static HttpResponse<String> page(String title, String body) {
    return HttpResponse.ok(
            "<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>"
                + title
                + "</title></head><body style=\"font-family:sans-serif;max-width:30em;margin:4em"
                + " auto\"><h1>"
                + title
                + "</h1>"
                + body
                + "</body></html>")
        .contentType(MediaType.TEXT_HTML_TYPE)
        .header("Cache-Control", "no-store");
  }
}
