package dev.automap.app.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.app.problems.Problems;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.routing.EventIngestion;
import dev.automap.workers.routing.InboundHooks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Inbound webhooks: {@code POST /v1/hooks} makes one (its id is its secret), and anyone holding the
 * id may call {@code POST /hooks/{hookId}}, which raises {@code webhook.received}.
 */
@Tag(name = "Hooks")
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class HookController {
  private final InboundHooks hooks;

  public HookController(InboundHooks hooks) {
    this.hooks = hooks;
  }

  @Serdeable
  public record NewHook(@Nullable String name) {}

  @Serdeable
  public record HookBody(String hookId, String name, String url) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Received(
      String id,
      boolean accepted,
      List<String> enrolled,
      List<String> signaled,
      List<ProblemDetail.FieldError> errors) {}

  @Operation(
      summary = "Create an inbound hook",
      description =
          "Creates an inbound webhook URL: what another system posts to it becomes an event for the account.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(name = "request", value = "{\"name\": \"Demo form\"}"))))
  @ApiResponse(
      responseCode = "201",
      description = "Create an inbound hook",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"hookId\": \"hk_3kq\", \"name\": \"Demo form\", \"url\": \"/hooks/hk_3kq\"}")))
  @Post("/v1/hooks")
  public HttpResponse<HookBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body NewHook body) {
    String name =
        body == null || body.name() == null || body.name().isBlank() ? "webhook" : body.name();
    if (name.length() > 200) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-hook",
          "the name is too long",
          List.of(new ProblemDetail.FieldError("/name", "at most 200 characters")));
    }
    var hook = hooks.create(account, name);
    return HttpResponse.created(
        new HookBody(hook.hookId(), hook.name(), "/hooks/" + hook.hookId()));
  }

  @Operation(summary = "List inbound hooks", description = "The account's inbound hooks.")
  @ApiResponse(
      responseCode = "200",
      description = "List inbound hooks",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "[{\"hookId\": \"hk_3kq\", \"name\": \"Demo form\", \"url\": \"/hooks/hk_3kq\"}]")))
  @Get("/v1/hooks")
  public List<HookBody> list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return hooks.list(account).stream()
        .map(h -> new HookBody(h.hookId(), h.name(), "/hooks/" + h.hookId()))
        .toList();
  }

  @Operation(
      summary = "Receive a hook call",
      description =
          "Turns the call (JSON or form) into an event, stored and routed like one sent to /v1/events. Needs no API key: the hook id is the secret.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value = "{\"email\": \"ada@example.com\", \"form\": \"demo\"}"))))
  @ApiResponse(
      responseCode = "202",
      description = "Receive a hook call",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"evt_9\", \"accepted\": true, \"enrolled\": [\"welcome\"], \"signaled\": [], \"errors\": []}")))
  @Post("/hooks/{hookId}")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public HttpResponse<Received> receive(@PathVariable String hookId, @Nullable @Body String body) {
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : MapJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      node = MapJson.mapper().getNodeFactory().textNode(body);
    }
    EventIngestion.Outcome outcome =
        hooks
            .receive(hookId, node)
            .orElseThrow(() -> ApiProblem.notFound("no hook \"" + hookId + "\""));
    if (!outcome.accepted()) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "invalid-hook-call",
          "the call was not kept: the contact it names cannot be used",
          Problems.fieldErrors(outcome.errors()));
    }
    return HttpResponse.accepted()
        .body(
            new Received(
                outcome.id(),
                outcome.accepted(),
                outcome.enrolled(),
                outcome.signaled(),
                Problems.fieldErrors(outcome.errors())));
  }
}
