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
import java.util.List;

/** The account's pipelines, which {@code upsert_opportunity} steps name. */
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

  @Post
  public HttpResponse<PipelineBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body NewPipeline body) {
    return HttpResponse.created(
        PipelineBody.of(pipelines.create(account, body.name(), body.stages())));
  }

  @Get
  public PipelineList list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return new PipelineList(pipelines.list(account).stream().map(PipelineBody::of).toList());
  }
}
