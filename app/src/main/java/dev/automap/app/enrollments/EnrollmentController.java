package dev.automap.app.enrollments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.paging.PageCursor;
import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.enrollment.EnrollmentState;
import dev.automap.workers.enrollment.EnrollmentStats;
import dev.automap.workers.run.AutomationRun;
import dev.automap.workers.run.RunStatus;
import dev.automap.workers.store.Enrollment;
import dev.automap.workers.store.EnrollmentRepository;
import dev.automap.workers.temporal.TemporalUnavailable;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import java.util.function.Consumer;

/** Enrolling contacts by hand and reading their runs. */
@Tag(name = "Enrollments")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EnrollmentController {
  @jakarta.inject.Inject dev.automap.workers.metrics.EngineMetrics metrics;
  private final AutomationCatalog catalog;
  private final ContactDirectory contacts;
  private final EnrollmentService enrollments;
  private final WorkflowClient client;
  private final EnrollmentRepository records;
  private final EnrollmentStats stats;

  public EnrollmentController(
      AutomationCatalog catalog,
      ContactDirectory contacts,
      EnrollmentService enrollments,
      WorkflowClient client,
      EnrollmentRepository records,
      EnrollmentStats stats) {
    this.catalog = catalog;
    this.contacts = contacts;
    this.enrollments = enrollments;
    this.client = client;
    this.records = records;
    this.stats = stats;
  }

  @Serdeable
  public record EnrollRequest(String contactId) {}

  @Serdeable
  public record EnrolledBody(String enrollmentId) {}

  @Serdeable
  public record EnrollmentBody(
      String enrollmentId,
      @Nullable RunStatus status,
      EnrollmentView record,
      @Nullable String statusUnavailable) {
    EnrollmentBody(String enrollmentId, @Nullable RunStatus status, EnrollmentView record) {
      this(enrollmentId, status, record, null);
    }
  }

  @Operation(
      summary = "Enroll a contact",
      description =
          "Enrolls the contact in the active version now. 201 with the enrollment id (the workflow ID); 409 when a run is live or the map does not re-enroll.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value = "{\"contactId\": \"c_8f2k1\"}"))))
  @ApiResponse(
      responseCode = "201",
      description = "Enroll a contact",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value = "{\"enrollmentId\": \"default:welcome:c_8f2k1\"}")))
  @Post("/automations/{key}/enrollments")
  public HttpResponse<EnrolledBody> enroll(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Body EnrollRequest body) {
    if (body.contactId() == null || body.contactId().isBlank()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "contactId is required");
    }
    contacts.get(account, body.contactId());
    var active = catalog.active(account, key);
    String id = enrollments.enroll(account, active.version(), active.map(), body.contactId(), null);
    metrics.enrollmentStarted("api");
    return HttpResponse.created(new EnrolledBody(id));
  }

  @Operation(
      summary = "One enrollment",
      description = "Where the run stands: its state, the steps it is on and its recent path.")
  @ApiResponse(
      responseCode = "200",
      description = "One enrollment",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"enrollmentId\": \"default:welcome:c_8f2k1\", \"status\": {\"state\": \"waiting\", \"steps\": [\"wait\"]}, \"record\": {\"enrollmentId\": \"default:welcome:c_8f2k1\", \"automationKey\": \"welcome\", \"version\": 1, \"contactId\": \"c_8f2k1\", \"state\": \"running\", \"startedAt\": \"2026-03-02T09:00:00Z\", \"endedAt\": null, \"reason\": null}}")))
  @Get("/enrollments/{enrollmentId}")
  public EnrollmentBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String enrollmentId) {
    Enrollment record = owned(account, enrollmentId);
    try {
      // within seconds: a run that does not answer (Temporal stopped, no worker polling, a run
      // between two executions) leaves the record to answer, not a request that hangs
      RunStatus status =
          TemporalUnavailable.within(
              () -> client.newUntypedWorkflowStub(enrollmentId).query("status", RunStatus.class));
      return new EnrollmentBody(enrollmentId, status, view(record));
    } catch (WorkflowNotFoundException e) {
      // past the server's retention, or lost with an in-memory service: the record remains
      return new EnrollmentBody(enrollmentId, null, view(record));
    } catch (WorkflowServiceException e) {
      String why =
          TemporalUnavailable.causes(e)
              ? "the Temporal service did not answer within "
                  + TemporalUnavailable.CALL_LIMIT.toSeconds()
                  + " s"
              : "the run did not answer its status query";
      return new EnrollmentBody(enrollmentId, null, view(record), why);
    }
  }

  /** The optional body of a pause or an exit: why, and who asked. */
  @Serdeable
  public record ExitRequest(@Nullable String reason, @Nullable String actor) {}

  @Operation(
      summary = "Pause a run",
      description = "Signals the run to pause before its next step.")
  @ApiResponse(
      responseCode = "202",
      description = "Pause a run",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"enrollmentId\": \"default:welcome:c_8f2k1\", \"automationKey\": \"welcome\", \"version\": 1, \"contactId\": \"c_8f2k1\", \"state\": \"running\", \"startedAt\": \"2026-03-02T09:00:00Z\", \"endedAt\": null, \"reason\": null}")))
  @Post("/enrollments/{enrollmentId}/pause")
  public HttpResponse<EnrollmentView> pause(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String enrollmentId,
      @Nullable @Body ExitRequest body) {
    String reason = reason(body, null);
    return signal(account, enrollmentId, run -> run.pause(reason));
  }

  @Operation(summary = "Resume a run", description = "Signals a paused run to go on.")
  @ApiResponse(
      responseCode = "202",
      description = "Resume a run",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"enrollmentId\": \"default:welcome:c_8f2k1\", \"automationKey\": \"welcome\", \"version\": 1, \"contactId\": \"c_8f2k1\", \"state\": \"running\", \"startedAt\": \"2026-03-02T09:00:00Z\", \"endedAt\": null, \"reason\": null}")))
  @Post("/enrollments/{enrollmentId}/resume")
  public HttpResponse<EnrollmentView> resume(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String enrollmentId) {
    return signal(account, enrollmentId, AutomationRun::resume);
  }

  @Operation(
      summary = "Exit a run",
      description = "Signals the run to stop where it is, with an optional reason.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value = "{\"reason\": \"unsubscribed\"}"))))
  @ApiResponse(
      responseCode = "202",
      description = "Exit a run",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"enrollmentId\": \"default:welcome:c_8f2k1\", \"automationKey\": \"welcome\", \"version\": 1, \"contactId\": \"c_8f2k1\", \"state\": \"exited\", \"startedAt\": \"2026-03-02T09:00:00Z\", \"endedAt\": \"2026-03-03T10:00:00Z\", \"reason\": \"unsubscribed\"}")))
  @Post("/enrollments/{enrollmentId}/exit")
  public HttpResponse<EnrollmentView> exit(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String enrollmentId,
      @Nullable @Body ExitRequest body) {
    String reason = reason(body, "exited through the API");
    return signal(account, enrollmentId, run -> run.exit(reason));
  }

  /**
   * The reason a pause or exit carries: {@code "reason (by actor)"}, the reason or the actor alone
   * when only one is given, else {@code none}.
   */
  private static String reason(@Nullable ExitRequest body, @Nullable String none) {
    String reason = body == null ? null : blankToNull(body.reason());
    String actor = body == null ? null : blankToNull(body.actor());
    java.util.List<dev.automap.app.problems.ProblemDetail.FieldError> errors =
        new java.util.ArrayList<>();
    if (reason != null && reason.length() > 500) {
      errors.add(
          new dev.automap.app.problems.ProblemDetail.FieldError(
              "/reason", "at most 500 characters"));
    }
    if (actor != null && actor.length() > 200) {
      errors.add(
          new dev.automap.app.problems.ProblemDetail.FieldError(
              "/actor", "at most 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "invalid-request", "the reason or actor is too long", errors);
    }
    if (reason == null && actor == null) {
      return none;
    }
    if (actor == null) {
      return reason;
    }
    return (reason == null ? (none == null ? "paused" : none) : reason) + " (by " + actor + ")";
  }

  private static String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private HttpResponse<EnrollmentView> signal(
      String account, String enrollmentId, Consumer<AutomationRun> signal) {
    Enrollment record = owned(account, enrollmentId);
    if (!EnrollmentState.RUNNING.is(record.state())) {
      throw new ApiProblem(
          HttpStatus.CONFLICT, "run-ended", "the run has ended (" + record.state() + ")");
    }
    try {
      // within seconds: an outage answers 503 with Retry-After, not after a minute of retries
      TemporalUnavailable.within(
          () -> {
            signal.accept(client.newWorkflowStub(AutomationRun.class, enrollmentId));
            return null;
          });
    } catch (WorkflowNotFoundException e) {
      throw new ApiProblem(HttpStatus.CONFLICT, "run-ended", "the run has ended");
    } catch (WorkflowServiceException e) {
      throw TemporalUnavailable.classify(e, "the run " + enrollmentId + " was not signalled");
    }
    return HttpResponse.accepted().body(view(record));
  }

  /** The run's record, when it is this account's. */
  private Enrollment owned(String account, String enrollmentId) {
    if (!enrollmentId.startsWith(account + ":")) {
      throw ApiProblem.notFound("no enrollment " + enrollmentId);
    }
    return records
        .latestRun(enrollmentId)
        .filter(e -> e.accountId().equals(account))
        .orElseThrow(() -> ApiProblem.notFound("no enrollment " + enrollmentId));
  }

  @Serdeable
  public record EnrollmentView(
      String enrollmentId,
      String automationKey,
      int version,
      String contactId,
      String state,
      Instant startedAt,
      @Nullable Instant endedAt,
      @Nullable String reason) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record EnrollmentPage(java.util.List<EnrollmentView> items, @Nullable String cursor) {}

  private static EnrollmentView view(Enrollment e) {
    return new EnrollmentView(
        e.workflowId(),
        e.automationKey(),
        e.version(),
        e.contactId(),
        e.state(),
        e.startedAt(),
        e.endedAt(),
        e.reason());
  }

  @Operation(
      summary = "List enrollments",
      description = "The automation's enrollments, newest first, cursor-paged.")
  @ApiResponse(
      responseCode = "200",
      description = "List enrollments",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"enrollmentId\": \"default:welcome:c_8f2k1\", \"automationKey\": \"welcome\", \"version\": 1, \"contactId\": \"c_8f2k1\", \"state\": \"running\", \"startedAt\": \"2026-03-02T09:00:00Z\", \"endedAt\": null, \"reason\": null}], \"cursor\": null}")))
  @Get("/automations/{key}/enrollments")
  public EnrollmentPage list(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Nullable @QueryValue String state,
      @Nullable @QueryValue String step,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String cursor) {
    catalog.find(account, key);
    int size = PageCursor.limit(limit);
    if (state != null && EnrollmentState.fromWire(state) == null) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          "state must be one of " + EnrollmentState.wireNames(),
          java.util.List.of(
              new dev.automap.app.problems.ProblemDetail.FieldError(
                  "?state", "one of " + EnrollmentState.wireNames())));
    }
    PageCursor after = PageCursor.after(cursor);
    var page =
        records.pageOf(
            account,
            key,
            state,
            step,
            after == null ? null : after.at(),
            after == null ? "" : after.id(),
            size + 1);
    String next = null;
    if (page.size() > size) {
      Enrollment last = page.get(size - 1);
      next = new PageCursor(last.startedAt(), last.workflowId()).write();
    }
    return new EnrollmentPage(
        page.stream().limit(size).map(EnrollmentController::view).toList(), next);
  }

  @Operation(
      summary = "Automation stats",
      description =
          "Enrolled, active, completed, exited, goals met and conversion, and per step its counts.")
  @ApiResponse(
      responseCode = "200",
      description = "Automation stats",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"enrolled\": 120, \"active\": 31, \"completed\": 80, \"exited\": 9, \"goalsMet\": 14, \"conversion\": 0.117, \"steps\": {\"wait\": {\"active\": 31, \"entered\": 120, \"completed\": 89}}}")))
  @Get("/automations/{key}/stats")
  public EnrollmentStats.Stats stats(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Nullable @QueryValue String version) {
    var automation = catalog.find(account, key);
    Integer n = null;
    if (version != null) {
      try {
        n = Integer.parseInt(version);
      } catch (NumberFormatException e) {
        n = null;
      }
      if (n == null || n < 1 || n > automation.latestVersion()) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "version must be one of 1 to " + automation.latestVersion(),
            java.util.List.of(
                new dev.automap.app.problems.ProblemDetail.FieldError(
                    "?version", "1 to " + automation.latestVersion())));
      }
    }
    return stats.of(account, key, n);
  }
}
