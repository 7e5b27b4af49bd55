package dev.automap.app.crm;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.workers.contacts.Pipelines;
import dev.automap.workers.store.Pipeline;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The account's pipelines, which {@code upsert_opportunity} steps name. */
@Tag(name = "CRM")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/pipelines")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PipelineController {
  private final Pipelines pipelines;

  public PipelineController(Pipelines pipelines) {
    this.pipelines = pipelines;
  }

  @Serdeable
  public record NewPipeline(@Nullable String name, @Nullable List<String> stages) {}

  @Serdeable
  public record PipelineBody(String id, String name, List<String> stages) {
    static PipelineBody of(Pipeline p) {
      return new PipelineBody(p.id(), p.name(), p.stages());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record PipelineList(List<PipelineBody> items) {}

  @Operation(
      summary = "Create a pipeline",
      description =
          "Creates an opportunity pipeline with its stages, which `upsert_opportunity` steps name.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"name\": \"Sales\", \"stages\": [\"New\", \"Won\", \"Lost\"]}"))))
  @ApiResponse(
      responseCode = "201",
      description = "Create a pipeline",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"pl_1\", \"name\": \"Sales\", \"stages\": [\"New\", \"Won\", \"Lost\"]}")))
  @Post
  public HttpResponse<PipelineBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body NewPipeline body) {
    return HttpResponse.created(
        PipelineBody.of(pipelines.create(account, body.name(), body.stages())));
  }

  @Operation(summary = "List pipelines", description = "The account's pipelines and their stages.")
  @ApiResponse(
      responseCode = "200",
      description = "List pipelines",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"pl_1\", \"name\": \"Sales\", \"stages\": [\"New\", \"Won\", \"Lost\"]}]}")))
  @Get
  public PipelineList list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return new PipelineList(pipelines.list(account).stream().map(PipelineBody::of).toList());
  }
}
