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
import java.util.List;

/** Maps: saved as drafts (JSON or YAML), validated, published. */
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

  @Post
  public HttpResponse<SavedBody> create(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @Body String body) {
    var saved = catalog.saveDraft(account, parse(body), null);
    return HttpResponse.created(
        new SavedBody(saved.map().key(), saved.version(), saved.automation().status()));
  }

  @Put("/{key}")
  public SavedBody update(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Body String body) {
    var saved = catalog.saveDraft(account, parse(body), key);
    return new SavedBody(key, saved.version(), saved.automation().status());
  }

  @Post("/validate")
  public ValidationBody validate(@Body String body) {
    MapJson.Parsed parsed = MapJson.parse(body);
    List<Problem> problems = parsed.ok() ? validator.validate(parsed.map()) : parsed.problems();
    return new ValidationBody(problems.isEmpty(), Problems.fieldErrors(problems));
  }

  /**
   * Saves a HubSpot v4 flow as a draft map, with what the import could not carry over as it was.
   */
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

  @Post("/{key}/pause")
  public SwitchedBody pause(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String key) {
    var switched = automationSwitch.set(account, key, true);
    return new SwitchedBody(key, switched.automation().status(), switched.signaled());
  }

  @Post("/{key}/resume")
  public SwitchedBody resume(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String key) {
    var switched = automationSwitch.set(account, key, false);
    return new SwitchedBody(key, switched.automation().status(), switched.signaled());
  }

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

  @Get
  public List<AutomationBody> list(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account) {
    return catalog.list(account).stream().map(a -> body(a, null)).toList();
  }

  @Get("/{key}")
  public AutomationBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String key) {
    Automation automation = catalog.find(account, key);
    return body(automation, catalog.versions(automation));
  }

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
