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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Base64;

/**
 * The links of an email that lead back (channels.md, Tracking), open to anyone holding one: the
 * open pixel {@code GET /t/o/{token}}, a click {@code GET /t/c/{token}} (302 to the original link)
 * and the unsubscribe page {@code GET /t/u/{token}}, whose {@code POST} (the page's button, or a
 * mail client's RFC 8058 one-click request) unsubscribes. A token not signed here is a 404 and
 * changes nothing.
 */
@Tag(name = "Tracking")
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

  @Operation(
      summary = "Open pixel",
      description =
          "The 1x1 transparent GIF an email embeds: fetching it raises email.opened for the message (once per message). Needs no API key; a token not signed here is a 404 and changes nothing.")
  @io.swagger.v3.oas.annotations.Parameter(
      name = "token",
      description = "The token of the link, signed here for one message",
      example = "bXNnXzV2MWM5eDNtN3EyazhiNG4wejZk.Zk9hR3pQ",
      schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
  @ApiResponse(
      responseCode = "200",
      description = "A transparent 1x1 GIF, not cached",
      content =
          @Content(
              mediaType = "image/gif",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "GIF89a (43 bytes: R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7 in base64)")))
  @Get("/o/{token}")
  public HttpResponse<byte[]> open(@PathVariable String token) {
    feedback.opened(token).orElseThrow(() -> ApiProblem.notFound(GONE));
    return HttpResponse.ok(PIXEL)
        .contentType(MediaType.IMAGE_GIF_TYPE)
        .header("Cache-Control", "no-store, max-age=0");
  }

  @Operation(
      summary = "Follow a tracked link",
      description =
          "A link of an email, rewritten: raises email.clicked for the message with the link followed, and redirects (302) to the original link. Needs no API key; a token not signed here is a 404 and changes nothing.")
  @io.swagger.v3.oas.annotations.Parameter(
      name = "token",
      description = "The token of the link, signed here for one message",
      example = "bXNnXzV2MWM5eDNtN3EyazhiNG4wejZk.Zk9hR3pQ",
      schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
  @ApiResponse(
      responseCode = "302",
      description = "A redirect to the original link",
      headers = {
        @io.swagger.v3.oas.annotations.headers.Header(
            name = "Location",
            description = "The original link",
            schema =
                @io.swagger.v3.oas.annotations.media.Schema(
                    type = "string",
                    example = "https://acme.test/pricing?utm_source=email"))
      })
  @Get("/c/{token}")
  public HttpResponse<Object> click(@PathVariable String token) {
    String url = feedback.clicked(token).orElseThrow(() -> ApiProblem.notFound(GONE));
    return HttpResponse.status(HttpStatus.FOUND)
        .headers(h -> h.location(URI.create(url)))
        .header("Cache-Control", "no-store");
  }

  @Operation(
      summary = "Unsubscribe page",
      description =
          "The page an email's unsubscribe link opens: it asks to confirm with a button that POSTs to the same address. Showing it changes nothing. Needs no API key; a token not signed here is a 404.")
  @io.swagger.v3.oas.annotations.Parameter(
      name = "token",
      description = "The token of the link, signed here for one message",
      example = "bXNnXzV2MWM5eDNtN3EyazhiNG4wejZk.Zk9hR3pQ",
      schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
  @ApiResponse(
      responseCode = "200",
      description = "The page",
      content =
          @Content(
              mediaType = "text/html",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body><h1>Unsubscribe</h1><p>Stop receiving these emails?</p><form method=\"post\"><button type=\"submit\">Unsubscribe</button></form></body></html>")))
  @Get(value = "/u/{token}", produces = MediaType.TEXT_HTML)
  public HttpResponse<String> unsubscribePage(@PathVariable String token) {
    feedback.unsubscribeTarget(token).orElseThrow(() -> ApiProblem.notFound(GONE));
    return page(
        "Unsubscribe",
        "<p>Stop receiving these emails?</p>"
            + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
  }

  @Operation(
      summary = "Unsubscribe",
      description =
          "The unsubscribe page's button, or a mail client's RFC 8058 one-click request (List-Unsubscribe=One-Click): sets the contact's email DND and raises email.unsubscribed, once. Any body is accepted and ignored. Needs no API key; a token not signed here is a 404 and changes nothing.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/x-www-form-urlencoded",
                      examples =
                          @ExampleObject(name = "request", value = "List-Unsubscribe=One-Click"))))
  @io.swagger.v3.oas.annotations.Parameter(
      name = "token",
      description = "The token of the link, signed here for one message",
      example = "bXNnXzV2MWM5eDNtN3EyazhiNG4wejZk.Zk9hR3pQ",
      schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string"))
  @ApiResponse(
      responseCode = "200",
      description = "The page saying it is done",
      content =
          @Content(
              mediaType = "text/html",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribed</title></head><body><h1>Unsubscribed</h1><p>You are unsubscribed: no more of these emails.</p></body></html>")))
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
