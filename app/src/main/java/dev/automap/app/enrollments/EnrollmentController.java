package dev.automap.app.enrollments;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
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
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import java.util.function.Consumer;

/** Enrolling contacts by hand and reading their runs. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EnrollmentController {
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
      String enrollmentId, @Nullable RunStatus status, EnrollmentView record) {}

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
    return HttpResponse.created(new EnrolledBody(id));
  }

  @Get("/enrollments/{enrollmentId}")
  public EnrollmentBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String enrollmentId) {
    Enrollment record = owned(account, enrollmentId);
    try {
      RunStatus status =
          client.newUntypedWorkflowStub(enrollmentId).query("status", RunStatus.class);
      return new EnrollmentBody(enrollmentId, status, view(record));
    } catch (WorkflowNotFoundException | WorkflowServiceException e) {
      // past the server's retention, or lost with an in-memory service: the record remains
      return new EnrollmentBody(enrollmentId, null, view(record));
    }
  }

  /** The optional body of a pause or an exit: why, and who asked. */
  @Serdeable
  public record ExitRequest(@Nullable String reason, @Nullable String actor) {}

  @Post("/enrollments/{enrollmentId}/pause")
  public HttpResponse<EnrollmentView> pause(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String enrollmentId,
      @Nullable @Body ExitRequest body) {
    String reason = reason(body, null);
    return signal(account, enrollmentId, run -> run.pause(reason));
  }

  @Post("/enrollments/{enrollmentId}/resume")
  public HttpResponse<EnrollmentView> resume(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String enrollmentId) {
    return signal(account, enrollmentId, AutomationRun::resume);
  }

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
      signal.accept(client.newWorkflowStub(AutomationRun.class, enrollmentId));
    } catch (WorkflowNotFoundException e) {
      throw new ApiProblem(HttpStatus.CONFLICT, "run-ended", "the run has ended");
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

  static final int MAX_PAGE = 500;

  @Get("/automations/{key}/enrollments")
  public EnrollmentPage list(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key,
      @Nullable @QueryValue String state,
      @Nullable @QueryValue String step,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String cursor) {
    catalog.find(account, key);
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > MAX_PAGE) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          "limit must be 1 to " + MAX_PAGE,
          java.util.List.of(
              new dev.automap.app.problems.ProblemDetail.FieldError("?limit", "1 to " + MAX_PAGE)));
    }
    if (state != null && EnrollmentState.fromWire(state) == null) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "invalid-request",
          "state must be one of " + EnrollmentState.wireNames(),
          java.util.List.of(
              new dev.automap.app.problems.ProblemDetail.FieldError(
                  "?state", "one of " + EnrollmentState.wireNames())));
    }
    EnrollmentCursor after = null;
    if (cursor != null) {
      after = EnrollmentCursor.read(cursor);
      if (after == null) {
        throw new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "not a cursor this API gave",
            java.util.List.of(
                new dev.automap.app.problems.ProblemDetail.FieldError(
                    "?cursor", "not a cursor this API gave")));
      }
    }
    var page =
        records.pageOf(
            account,
            key,
            state,
            step,
            after == null ? null : after.startedAt(),
            after == null ? "" : after.workflowId(),
            size + 1);
    String next = null;
    if (page.size() > size) {
      Enrollment last = page.get(size - 1);
      next = new EnrollmentCursor(last.startedAt(), last.workflowId()).write();
    }
    return new EnrollmentPage(
        page.stream().limit(size).map(EnrollmentController::view).toList(), next);
  }

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
