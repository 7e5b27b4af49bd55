package dev.automap.app.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.app.problems.Problems;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.routing.EventIngestion;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
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
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/events}: one event or a batch; each is checked, the batch stored in one
 * transaction (each id once), and routed asynchronously in each contact's order.
 */
@Tag(name = "Events")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventController {
  static final int MAX_BATCH = 1000;

  private final EventIngestion ingestion;

  public EventController(EventIngestion ingestion) {
    this.ingestion = ingestion;
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Result(
      String id,
      boolean accepted,
      boolean duplicate,
      boolean differs,
      List<String> enrolled,
      List<String> signaled,
      List<ProblemDetail.FieldError> errors) {}

  @Serdeable
  public record Results(List<Result> results) {}

  /**
   * 202 once the events are stored; routing follows in each contact's order. {@code ?wait=true}
   * waits for routing and says what it enrolled and signalled.
   */
  @Operation(
      summary = "Send events",
      description =
          "One event or an array of at most 1,000; each is checked and the batch stored once by id; 202 once stored, routing to triggers and waiting runs follows in each contact's order. ?wait=true waits for routing and adds enrolled and signaled to each result.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"id\": \"evt_1\", \"type\": \"form.submitted\", \"contact\": {\"email\": \"ada@example.com\"}, \"data\": {\"form\": \"demo\"}}"))))
  @ApiResponse(
      responseCode = "202",
      description = "Send events",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"results\": [{\"id\": \"evt_1\", \"accepted\": true, \"duplicate\": false, \"differs\": false, \"enrolled\": [\"welcome\"], \"signaled\": [], \"errors\": []}]}")))
  @Post
  public HttpResponse<Results> ingest(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @QueryValue(defaultValue = "false") String wait,
      @Body String body) {
    boolean waits = "true".equalsIgnoreCase(wait) || "1".equals(wait);
    JsonNode node;
    try {
      node = body == null || body.isBlank() ? null : MapJson.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "unparseable-events",
          "not valid JSON: " + dev.automap.definitions.model.JsonErrors.plain(e));
    }
    if (node == null || !(node.isObject() || node.isArray())) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "unparseable-events", "send an event object or an array of them");
    }
    if (node.isObject()) {
      EventIngestion.Outcome outcome =
          ingestion.ingestAll(account, List.of(node), List.of(""), waits).getFirst();
      if (!outcome.accepted()) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-event",
            "the event was not accepted",
            Problems.fieldErrors(outcome.errors()));
      }
      return HttpResponse.accepted().body(new Results(List.of(result(outcome))));
    }
    if (node.size() > MAX_BATCH) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "batch-too-large", "at most " + MAX_BATCH + " events per call");
    }
    List<JsonNode> events = new ArrayList<>();
    List<String> at = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      events.add(node.get(i));
      at.add("/" + i);
    }
    List<Result> results = new ArrayList<>();
    for (EventIngestion.Outcome outcome : ingestion.ingestAll(account, events, at, waits)) {
      results.add(result(outcome));
    }
    return HttpResponse.accepted().body(new Results(results));
  }

  private static Result result(EventIngestion.Outcome o) {
    return new Result(
        o.id(),
        o.accepted(),
        o.duplicate(),
        o.differs(),
        o.enrolled(),
        o.signaled(),
        Problems.fieldErrors(o.errors()));
  }
}
