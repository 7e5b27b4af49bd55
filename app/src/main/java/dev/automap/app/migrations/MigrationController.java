package dev.automap.app.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.definitions.model.MapJson;
import dev.automap.workers.migration.Migrations;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Moving running contacts from one version of an automation to another, and its progress. */
@Tag(name = "Automations")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MigrationController {
  private static final Set<String> FIELDS = Set.of("from", "to", "steps", "dryRun");

  private final Migrations migrations;

  public MigrationController(Migrations migrations) {
    this.migrations = migrations;
  }

  @Operation(
      summary = "Migrate running contacts to another version",
      description =
          "Moves the running contacts of version from to version to (the automation's active version): each run on a step that steps maps moves at its next step boundary (between two steps, or in a wait, which is interrupted) through the migrate signal, continuing as new on the mapped step of the new version with its vars and goals met; the mapped step starts afresh (a wait waits its whole time again). A run on a step without a mapping is refused and stays. Where each run stands is read from the store's run positions. dryRun answers the same without signalling or recording anything. 202 with the migration's id, how many runs move (moving lists them) and the refused runs; GET /v1/migrations/{id} tells the progress. 422 naming /from, /to or /steps/<oldStepId> when a version or step does not exist or to is not the active version.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"from\": 1, \"to\": 2, \"steps\": {\"wait-3d\": \"wait-2d\", \"await-form\": \"await-form\"}, \"dryRun\": false}"))))
  @ApiResponse(
      responseCode = "202",
      description = "The runs that move and those refused",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"migrationId\": \"mig_4k8b2n7v1c5x9m3q6d0z\", \"dryRun\": false, \"from\": 1, \"to\": 2, \"runs\": 1, \"moving\": [{\"enrollmentId\": \"acct_default:welcome:c_9x2m4q8k1v7c3b5n0z6d\", \"step\": \"wait-3d\", \"toStep\": \"wait-2d\"}], \"refused\": [{\"enrollmentId\": \"acct_default:welcome:c_1b5n9z3k7d2m6q0x4c8v\", \"step\": \"send-offer\", \"reason\": \"no mapping for step send-offer\"}]}")))
  @Post("/automations/{key}/migrations")
  public HttpResponse<Migrations.Planned> migrate(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Body String body) {
    Migrations.Request request = request(body);
    try {
      return HttpResponse.accepted().body(migrations.start(account, key, request));
    } catch (Migrations.Invalid e) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "invalid-migration",
          e.problems().getFirst().path() + ": " + e.problems().getFirst().message(),
          e.problems().stream()
              .map(p -> new ProblemDetail.FieldError(p.path(), p.message()))
              .toList());
    }
  }

  @Operation(
      summary = "Get a migration",
      description =
          "A migration's progress: runs signalled, of which moved, waiting (not at a step boundary yet) and ended (before reaching one), failed (could not be signalled), and every refused run with its step and why (refused when asked, or by the run itself at its boundary when it stood on a step without a mapping by then); state is moving while any run waits, then done.")
  @ApiResponse(
      responseCode = "200",
      description = "The migration",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"migrationId\": \"mig_4k8b2n7v1c5x9m3q6d0z\", \"automationKey\": \"welcome\", \"from\": 1, \"to\": 2, \"steps\": {\"wait-3d\": \"wait-2d\"}, \"createdAt\": \"2026-11-29T10:15:00Z\", \"state\": \"done\", \"runs\": 1, \"moved\": 1, \"waiting\": 0, \"ended\": 0, \"failed\": 0, \"refused\": [{\"enrollmentId\": \"acct_default:welcome:c_1b5n9z3k7d2m6q0x4c8v\", \"step\": \"send-offer\", \"reason\": \"no mapping for step send-offer\"}]}")))
  @Get("/migrations/{id}")
  public Migrations.Progress migration(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return migrations
        .progress(account, id)
        .orElseThrow(() -> ApiProblem.notFound("no migration " + id));
  }

  /** The request, each field checked for its shape (versions and steps are checked after). */
  private static Migrations.Request request(String body) {
    JsonNode node;
    try {
      node = MapJson.mapper().readTree(body == null ? "" : body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw invalid("", "a JSON object with from, to and steps");
    }
    List<ProblemDetail.FieldError> errors = new ArrayList<>();
    node.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(
                    new ProblemDetail.FieldError(
                        "/" + Migrations.pointer(name),
                        "unknown field: a migration has from, to, steps and dryRun"));
              }
            });
    int from = version(node, "from", errors);
    int to = version(node, "to", errors);
    Map<String, String> steps = new LinkedHashMap<>();
    JsonNode mapping = node.get("steps");
    if (mapping == null || !mapping.isObject() || mapping.isEmpty()) {
      errors.add(
          new ProblemDetail.FieldError(
              "/steps", "an object mapping step ids of version from to step ids of version to"));
    } else {
      mapping
          .properties()
          .forEach(
              e -> {
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                  errors.add(
                      new ProblemDetail.FieldError(
                          "/steps/" + Migrations.pointer(e.getKey()),
                          "the id of a step of version to"));
                } else {
                  steps.put(e.getKey(), e.getValue().asText());
                }
              });
    }
    JsonNode dryRun = node.get("dryRun");
    if (dryRun != null && !dryRun.isBoolean() && !dryRun.isNull()) {
      errors.add(new ProblemDetail.FieldError("/dryRun", "true or false"));
    }
    if (!errors.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          errors.getFirst().path() + ": " + errors.getFirst().message(),
          errors);
    }
    return new Migrations.Request(from, to, steps, dryRun != null && dryRun.asBoolean());
  }

  private static int version(JsonNode node, String field, List<ProblemDetail.FieldError> errors) {
    JsonNode value = node.get(field);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.asInt() < 1) {
      errors.add(new ProblemDetail.FieldError("/" + field, "a version number, 1 or more"));
      return 0;
    }
    return value.asInt();
  }

  private static ApiProblem invalid(String path, String message) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        (path.isEmpty() ? "the body" : path) + ": " + message,
        List.of(new ProblemDetail.FieldError(path, message)));
  }
}
