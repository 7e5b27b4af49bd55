package dev.automap.app.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.bulk.BulkJobs;
import dev.automap.workers.store.ContactListRepository;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
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
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;

/** Bulk enrollment: one durable job per request, and its progress. */
@Tag(name = "Enrollments")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BulkController {
  /** The most contact ids one request may name (a list or a segment has no limit). */
  static final int MAX_IDS = 100_000;

  private final AutomationCatalog catalog;
  private final BulkJobs jobs;
  private final ContactListRepository lists;

  public BulkController(AutomationCatalog catalog, BulkJobs jobs, ContactListRepository lists) {
    this.catalog = catalog;
    this.jobs = jobs;
    this.lists = lists;
  }

  @Serdeable
  public record JobStarted(String jobId) {}

  @Operation(
      summary = "Enroll contacts in bulk",
      description =
          "Enrolls many contacts in the active automation as one durable job (a Temporal workflow, resumable, rate-limited by AUTOMAP_BULK_RATE): exactly one of contactIds (1 to 100,000 ids), list (the name of a contact list) or segment (a condition). 202 with the job's id; GET /v1/jobs/{id} tells its progress.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"contactIds\": [\"c_9x2m4q8k1v7c3b5n0z6d\", \"c_1b5n9z3k7d2m6q0x4c8v\"]}"))))
  @ApiResponse(
      responseCode = "202",
      description = "The job, started",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"jobId\": \"job_6d0z4k8b2n7v1c5x9m3q\"}")))
  @Post("/automations/{key}/enrollments/bulk")
  public HttpResponse<JobStarted> bulk(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Body String body) {
    catalog.active(account, key);
    BulkJobs.Source source = source(account, body);
    return HttpResponse.accepted().body(new JobStarted(jobs.start(account, key, source)));
  }

  @Operation(
      summary = "Get a bulk job",
      description =
          "A bulk enrollment job's progress: state (running, completed, stopped when the automation stopped being active, or failed), total contacts (null until known), enrolled, skipped by reason (already_running, already_enrolled, not_in_segment, not_in_audience, no_contact, loop_guard, refused) and failed.")
  @ApiResponse(
      responseCode = "200",
      description = "The job",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"job_6d0z4k8b2n7v1c5x9m3q\", \"automationKey\": \"welcome\", \"state\": \"completed\", \"total\": 2, \"enrolled\": 1, \"skipped\": {\"already_enrolled\": 1}, \"failed\": 0, \"createdAt\": \"2026-11-29T10:15:00Z\", \"finishedAt\": \"2026-11-29T10:15:02Z\", \"reason\": null}")))
  @Get("/jobs/{id}")
  public BulkJobs.Job job(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return jobs.get(account, id).orElseThrow(() -> ApiProblem.notFound("no job " + id));
  }

  /** Exactly one of {@code contactIds}, {@code list} or {@code segment}, each checked. */
  private BulkJobs.Source source(String account, String body) {
    JsonNode node;
    try {
      node = MapJson.mapper().readTree(body == null ? "" : body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalid("", "a JSON object with contactIds, list or segment");
    }
    int given =
        (node.has("contactIds") ? 1 : 0)
            + (node.has("list") ? 1 : 0)
            + (node.has("segment") ? 1 : 0);
    if (given != 1) {
      throw invalid("", "exactly one of contactIds, list or segment");
    }
    if (node.has("contactIds")) {
      JsonNode ids = node.get("contactIds");
      if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_IDS) {
        throw invalid("/contactIds", "a list of 1 to " + MAX_IDS + " contact ids");
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        if (!ids.get(i).isTextual() || ids.get(i).asText().isBlank()) {
          throw invalid("/contactIds/" + i, "a contact id");
        }
        out.add(ids.get(i).asText());
      }
      return new BulkJobs.Source(out, null, null);
    }
    if (node.has("list")) {
      JsonNode list = node.get("list");
      if (!list.isTextual() || list.asText().isBlank()) {
        throw invalid("/list", "the name of a list");
      }
      if (lists.findByAccountIdAndName(account, list.asText()).isEmpty()) {
        throw new ApiProblem(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "invalid-request",
            "no list named \"" + list.asText() + "\"",
            List.of(new ProblemDetail.FieldError("/list", "no such list")));
      }
      return new BulkJobs.Source(null, list.asText(), null);
    }
    Condition segment;
    try {
      segment = MapJson.mapper().convertValue(node.get("segment"), Condition.class);
    } catch (IllegalArgumentException e) {
      segment = null;
    }
    if (segment == null) {
      throw invalid("/segment", "a condition (automation-map.md, Conditions)");
    }
    return new BulkJobs.Source(null, null, segment);
  }

  private static ApiProblem invalid(String path, String message) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        (path.isEmpty() ? "the body" : path) + ": " + message,
        List.of(new ProblemDetail.FieldError(path, message)));
  }
}
