package dev.automap.app.hooks;

import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.messages.Twilio;
import dev.automap.workers.messages.TwilioCallbacks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /hooks/twilio}: Twilio's status callbacks and inbound messages, form-encoded, each
 * checked by its {@code X-Twilio-Signature} (computed over {@code AUTOMAP_PUBLIC_URL} + the path,
 * and the query when there is one, as Twilio signs its calls; without a public URL the request's
 * own host stands in). A call not signed with the auth token is a 403 and changes nothing; without
 * Twilio configured the hook is a 404.
 */
@Tag(name = "Hooks")
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class TwilioHookController {
  private final Twilio twilio;
  private final TwilioCallbacks callbacks;

  public TwilioHookController(Twilio twilio, TwilioCallbacks callbacks) {
    this.twilio = twilio;
    this.callbacks = callbacks;
  }

  @Serdeable
  public record Handled(String handled, List<String> events) {}

  @Operation(
      summary = "Receive a Twilio callback",
      description =
          "Twilio's status callbacks (MessageSid, MessageStatus) and inbound messages (From, To, Body), form-encoded and checked by X-Twilio-Signature; a status moves the message's status, a reply raises sms.replied or whatsapp.replied for the contact with the number (STOP sets DND). Needs no API key: a call not signed with the auth token is a 403 that changes nothing; without Twilio configured it is a 404.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/x-www-form-urlencoded",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "From=%2B15555550100&To=%2B15555550199&Body=Yes%2C+call+me&MessageSid=SM0123456789abcdef0123456789abcdef"))))
  @ApiResponse(
      responseCode = "200",
      description = "What the call did, and the events it raised",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"handled\": \"sms reply\", \"events\": [\"twilio:SM0123456789abcdef0123456789abcdef\"]}")))
  @Post("/hooks/twilio")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Handled receive(
      HttpRequest<?> request,
      @Nullable @Header("X-Twilio-Signature") String signature,
      @Nullable @Body Map<String, Object> form) {
    if (!twilio.configured()) {
      throw ApiProblem.notFound("Twilio is not configured here (AUTOMAP_TWILIO_ACCOUNT_SID)");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (form != null) {
      form.forEach(
          (name, value) ->
              params.put(
                  name,
                  value instanceof List<?> list && !list.isEmpty()
                      ? String.valueOf(list.getFirst())
                      : String.valueOf(value)));
    }
    if (!twilio.signs(signedUrl(request), params, signature)) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          "bad-signature",
          "X-Twilio-Signature does not match this call: nothing was done");
    }
    var handled = callbacks.handle(params);
    return new Handled(handled.what(), handled.eventIds());
  }

  /** The URL Twilio signed: the public URL (or this request's host), the path, the query. */
  private String signedUrl(HttpRequest<?> request) {
    String base = twilio.publicUrl();
    if (base == null) {
      String host = request.getHeaders().get(HttpHeaders.HOST);
      String scheme = request.getHeaders().get("X-Forwarded-Proto");
      base = (scheme == null ? (request.isSecure() ? "https" : "http") : scheme) + "://" + host;
    }
    String query = request.getUri().getRawQuery();
    return base + request.getPath() + (query == null || query.isEmpty() ? "" : "?" + query);
  }
}
