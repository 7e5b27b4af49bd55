package dev.automap.app.automations;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.app.problems.ProblemDetail;
import dev.automap.app.problems.Problems;
import dev.automap.definitions.conditions.AnyOf;
import dev.automap.definitions.conditions.Condition;
import dev.automap.definitions.hubspot.HubSpotImporter;
import dev.automap.definitions.model.AutomationMap;
import dev.automap.definitions.model.MapJson;
import dev.automap.definitions.model.SegmentTrigger;
import dev.automap.definitions.problems.Problem;
import dev.automap.definitions.validation.MapValidator;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.bulk.BulkJobs;
import dev.automap.workers.routing.AutomationSwitch;
import dev.automap.workers.store.Automation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
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
import java.util.List;

/** Maps: saved as drafts (JSON or YAML), validated, published. */
@Tag(name = "Automations")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/automations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Consumes({
  MediaType.APPLICATION_JSON,
  "application/yaml",
  MediaType.APPLICATION_YAML,
  "text/yaml",
  MediaType.TEXT_PLAIN
})
public class AutomationController {
  private final AutomationCatalog catalog;
  private final MapValidator validator = new MapValidator();
  private final HubSpotImporter hubSpot = new HubSpotImporter();

  private final AutomationSwitch automationSwitch;
  private final BulkJobs bulkJobs;

  public AutomationController(
      AutomationCatalog catalog, AutomationSwitch automationSwitch, BulkJobs bulkJobs) {
    this.bulkJobs = bulkJobs;
    this.catalog = catalog;
    this.automationSwitch = automationSwitch;
  }

  @Serdeable
  public record SavedBody(String key, int version, String status) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ValidationBody(boolean valid, List<ProblemDetail.FieldError> errors) {}

  /** A saved import; {@code warnings} point into the imported document. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ImportedBody(
      String key, int version, String status, List<ProblemDetail.FieldError> warnings) {}

  @Serdeable
  public record AutomationBody(
      String key, String name, String status, Integer activeVersion, List<Integer> versions) {}

  @Operation(
      summary = "Save a new map",
      description =
          "Saves a map (JSON or YAML) as a draft version; it runs once published. 201 with its key and version; 422 with the validator's problems when it cannot run.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"key\": \"welcome\", \"name\": \"Welcome\", \"start\": \"wait\", \"triggers\": [{\"event\": \"contact.created\"}], \"steps\": [{\"id\": \"wait\", \"type\": \"wait\", \"duration\": \"P1D\", \"next\": \"tag\"}, {\"id\": \"tag\", \"type\": \"add_tags\", \"tags\": [\"welcomed\"]}]}"))))
  @ApiResponse(
      responseCode = "201",
      description = "Save a new map",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"key\": \"welcome\", \"version\": 1, \"status\": \"draft\"}")))
  @Post
  public HttpResponse<SavedBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body String body) {
    var saved = catalog.saveDraft(account, parse(body), null);
    return HttpResponse.created(
        new SavedBody(saved.map().key(), saved.version(), saved.automation().status()));
  }

  @Operation(
      summary = "Save a new version",
      description =
          "Saves the map as the next draft version of the automation; running contacts stay on their version.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"key\": \"welcome\", \"name\": \"Welcome\", \"start\": \"wait\", \"triggers\": [{\"event\": \"contact.created\"}], \"steps\": [{\"id\": \"wait\", \"type\": \"wait\", \"duration\": \"P1D\", \"next\": \"tag\"}, {\"id\": \"tag\", \"type\": \"add_tags\", \"tags\": [\"welcomed\"]}]}"))))
  @ApiResponse(
      responseCode = "200",
      description = "Save a new version",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"key\": \"welcome\", \"version\": 2, \"status\": \"draft\"}")))
  @Put("/{key}")
  public SavedBody update(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Body String body) {
    var saved = catalog.saveDraft(account, parse(body), key);
    return new SavedBody(key, saved.version(), saved.automation().status());
  }

  @Operation(
      summary = "Validate a map",
      description =
          "Checks a map without saving it: the problems the validator finds, each with a JSON Pointer to where it is.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"key\": \"welcome\", \"name\": \"Welcome\", \"start\": \"wait\", \"triggers\": [{\"event\": \"contact.created\"}], \"steps\": [{\"id\": \"wait\", \"type\": \"wait\", \"duration\": \"P1D\", \"next\": \"tag\"}, {\"id\": \"tag\", \"type\": \"add_tags\", \"tags\": [\"welcomed\"]}]}"))))
  @ApiResponse(
      responseCode = "200",
      description = "Validate a map",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"valid\": false, \"errors\": [{\"path\": \"/steps/0/next\", \"message\": \"no step \\\"nope\\\"\"}]}")))
  @Post("/validate")
  public ValidationBody validate(@Body String body) {
    MapJson.Parsed parsed = MapJson.parse(body);
    List<Problem> problems = parsed.ok() ? validator.validate(parsed.map()) : parsed.problems();
    return new ValidationBody(problems.isEmpty(), Problems.fieldErrors(problems));
  }

  /**
   * Saves a HubSpot v4 flow as a draft map, with what the import could not carry over as it was.
   */
  @Operation(
      summary = "Import a HubSpot flow",
      description =
          "Saves a HubSpot v4 flow as a draft map, with what the import could not carry over as it was.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value =
                                  "{\"id\": \"123\", \"type\": \"CONTACT_FLOW\", \"actions\": []}"))))
  @ApiResponse(
      responseCode = "201",
      description = "Import a HubSpot flow",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"key\": \"hubspot-123\", \"version\": 1, \"status\": \"draft\", \"warnings\": [{\"path\": \"/actions/3\", \"message\": \"a CRM record update became a webhook\"}]}")))
  @Post("/import/hubspot")
  @Consumes(MediaType.APPLICATION_JSON)
  public HttpResponse<ImportedBody> importHubSpot(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @Body String body,
      @QueryValue @Nullable String key) {
    HubSpotImporter.Imported imported = hubSpot.importFlow(body, key);
    if (!imported.ok()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "unreadable-hubspot-flow",
          "the HubSpot flow cannot be read",
          Problems.fieldErrors(imported.warnings()));
    }
    var saved = catalog.saveDraft(account, imported.map(), null);
    return HttpResponse.created(
        new ImportedBody(
            saved.map().key(),
            saved.version(),
            saved.automation().status(),
            Problems.fieldErrors(imported.warnings())));
  }

  /** A publish; {@code jobId} names the bulk job that enrolls the segment's contacts. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PublishedBody(String key, int version, String status, @Nullable String jobId) {}

  @Operation(
      summary = "Publish the latest version",
      description =
          "Makes the latest saved version the active one: its triggers enroll contacts from now on. 422 when a step names something that does not exist.")
  @ApiResponse(
      responseCode = "200",
      description = "Publish the latest version",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"key\": \"welcome\", \"version\": 2, \"status\": \"active\"}")))
  @Post("/{key}/publish")
  public PublishedBody publish(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Nullable @QueryValue Boolean enrollExisting) {
    if (Boolean.TRUE.equals(enrollExisting)
        && catalog
            .load(catalog.find(account, key), catalog.find(account, key).latestVersion())
            .triggers()
            .stream()
            .noneMatch(t -> t instanceof SegmentTrigger)) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "invalid-request",
          "enrollExisting needs a segment trigger, and the map has none",
          List.of(new ProblemDetail.FieldError("/triggers", "no segment trigger")));
    }
    var published = automationSwitch.publish(account, key);
    String jobId = null;
    if (Boolean.TRUE.equals(enrollExisting)) {
      // the contacts meeting any segment trigger now, through one durable job
      List<Condition> segments =
          published.map().triggers().stream()
              .filter(SegmentTrigger.class::isInstance)
              .map(t -> ((SegmentTrigger) t).segment())
              .toList();
      jobId =
          bulkJobs.start(
              account,
              key,
              new BulkJobs.Source(
                  null, null, segments.size() == 1 ? segments.getFirst() : new AnyOf(segments)));
    }
    return new PublishedBody(key, published.version(), published.automation().status(), jobId);
  }

  @Serdeable
  public record RollbackRequest(@Nullable Integer version) {}

  @Serdeable
  public record RolledBackBody(String key, int version, String status, int copiedFrom) {}

  @Operation(
      summary = "Roll back to a version",
      description =
          "Publishes a copy of an earlier version as the new active version (the versions kept are never changed); version is required, 1 to the latest. Answers the new version and the one it was copied from.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples = @ExampleObject(name = "request", value = "{\"version\": 1}"))))
  @ApiResponse(
      responseCode = "200",
      description = "The copy, published",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"key\": \"welcome\", \"version\": 4, \"status\": \"active\", \"copiedFrom\": 1}")))
  @Post("/{key}/rollback")
  public RolledBackBody rollback(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Body RollbackRequest body) {
    var automation = catalog.find(account, key);
    Integer version = body.version();
    if (version == null || version < 1 || version > automation.latestVersion()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          version == null
              ? "version is required"
              : "automation " + key + " has no version " + version,
          List.of(
              new ProblemDetail.FieldError(
                  "/version", "a version of " + key + ", 1 to " + automation.latestVersion())));
    }
    var published = automationSwitch.rollback(account, key, version);
    return new RolledBackBody(key, published.version(), published.automation().status(), version);
  }

  @Serdeable
  public record SwitchedBody(String key, String status, int signaled) {}

  @Operation(
      summary = "Pause the automation",
      description = "Stops new enrollments; running contacts go on.")
  @ApiResponse(
      responseCode = "200",
      description = "Pause the automation",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"key\": \"welcome\", \"status\": \"paused\", \"signaled\": 0}")))
  @Post("/{key}/pause")
  public SwitchedBody pause(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String key) {
    var switched = automationSwitch.set(account, key, true);
    return new SwitchedBody(key, switched.automation().status(), switched.signaled());
  }

  @Operation(
      summary = "Resume the automation",
      description = "Lets triggers enroll contacts again.")
  @ApiResponse(
      responseCode = "200",
      description = "Resume the automation",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"key\": \"welcome\", \"status\": \"active\", \"signaled\": 0}")))
  @Post("/{key}/resume")
  public SwitchedBody resume(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String key) {
    var switched = automationSwitch.set(account, key, false);
    return new SwitchedBody(key, switched.automation().status(), switched.signaled());
  }

  @Operation(
      summary = "Archive the automation",
      description =
          "Archives the automation: no new enrollments, it leaves the list; running contacts finish.")
  @ApiResponse(
      responseCode = "200",
      description = "Archive the automation",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"key\": \"welcome\", \"status\": \"archived\", \"signaled\": 0}")))
  @Delete("/{key}")
  public SwitchedBody archive(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Nullable @QueryValue Boolean exitRunning) {
    try {
      var archived = automationSwitch.archive(account, key, Boolean.TRUE.equals(exitRunning));
      return new SwitchedBody(key, archived.automation().status(), archived.signaled());
    } catch (AutomationSwitch.RunsLive e) {
      throw new ApiProblem(HttpStatus.CONFLICT, "runs-live", e.getMessage());
    }
  }

  @Operation(
      summary = "List automations",
      description = "The account's automations with their status and versions.")
  @ApiResponse(
      responseCode = "200",
      description = "List automations",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "[{\"key\": \"welcome\", \"name\": \"Welcome\", \"status\": \"active\", \"activeVersion\": 1, \"versions\": [1, 2]}]")))
  @Get
  public List<AutomationBody> list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return catalog.list(account).stream().map(a -> body(a, null)).toList();
  }

  @Operation(
      summary = "One automation",
      description = "An automation's status, active and latest version and its map.")
  @ApiResponse(
      responseCode = "200",
      description = "One automation",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"key\": \"welcome\", \"name\": \"Welcome\", \"status\": \"active\", \"activeVersion\": 1, \"versions\": [1, 2]}")))
  @Get("/{key}")
  public AutomationBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String key) {
    Automation automation = catalog.find(account, key);
    return body(automation, catalog.versions(automation));
  }

  @Operation(
      summary = "One saved version",
      description = "The map as saved in that version, as JSON.")
  @ApiResponse(
      responseCode = "200",
      description = "One saved version",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"key\": \"welcome\", \"name\": \"Welcome\", \"start\": \"wait\", \"triggers\": [{\"event\": \"contact.created\"}], \"steps\": [{\"id\": \"wait\", \"type\": \"wait\", \"duration\": \"P1D\", \"next\": \"tag\"}, {\"id\": \"tag\", \"type\": \"add_tags\", \"tags\": [\"welcomed\"]}]}")))
  @Get("/{key}/versions/{version}")
  @Produces(MediaType.APPLICATION_JSON)
  public String version(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @PathVariable int version) {
    return MapJson.write(catalog.load(catalog.find(account, key), version));
  }

  private static AutomationBody body(Automation a, List<Integer> versions) {
    return new AutomationBody(a.key(), a.name(), a.status(), a.activeVersion(), versions);
  }

  private static AutomationMap parse(String body) {
    MapJson.Parsed parsed = MapJson.parse(body);
    if (!parsed.ok()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "unparseable-map",
          "the map does not parse",
          Problems.fieldErrors(parsed.problems()));
    }
    return parsed.map();
  }
}
