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
import java.util.List;

/**
 * Inbound webhooks: {@code POST /v1/hooks} makes one (its id is its secret), and anyone holding the
 * id may call {@code POST /hooks/{hookId}}, which raises {@code webhook.received}.
 */
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

  @Get("/v1/hooks")
  public List<HookBody> list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return hooks.list(account).stream()
        .map(h -> new HookBody(h.hookId(), h.name(), "/hooks/" + h.hookId()))
        .toList();
  }

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
