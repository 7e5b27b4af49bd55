package dev.automap.app.enrollments;

import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.automations.AutomationCatalog;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.enrollment.EnrollmentService;
import dev.automap.workers.run.RunStatus;
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
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;

/** Enrolling contacts by hand and reading their runs. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EnrollmentController {
  private final AutomationCatalog catalog;
  private final ContactDirectory contacts;
  private final EnrollmentService enrollments;
  private final WorkflowClient client;

  public EnrollmentController(AutomationCatalog catalog, ContactDirectory contacts, EnrollmentService enrollments,
      WorkflowClient client) {
    this.catalog = catalog;
    this.contacts = contacts;
    this.enrollments = enrollments;
    this.client = client;
  }

  @Serdeable
  public record EnrollRequest(String contactId) {}

  @Serdeable
  public record EnrolledBody(String enrollmentId) {}

  @Serdeable
  public record EnrollmentBody(String enrollmentId, RunStatus status) {}

  @Post("/automations/{key}/enrollments")
  public HttpResponse<EnrolledBody> enroll(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String key, @Body EnrollRequest body) {
    if (body.contactId() == null || body.contactId().isBlank()) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "contactId is required");
    }
    contacts.get(account, body.contactId());
    var active = catalog.active(account, key);
    String id = enrollments.enroll(account, active.version(), active.map(), body.contactId(), null);
    return HttpResponse.created(new EnrolledBody(id));
  }

  @Get("/enrollments/{enrollmentId}")
  public EnrollmentBody get(@RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String enrollmentId) {
    if (!enrollmentId.startsWith(account + ":")) {
      throw ApiProblem.notFound("no enrollment " + enrollmentId);
    }
    try {
      RunStatus status = client.newUntypedWorkflowStub(enrollmentId).query("status", RunStatus.class);
      return new EnrollmentBody(enrollmentId, status);
    } catch (WorkflowNotFoundException | WorkflowServiceException e) {
      throw ApiProblem.notFound("no enrollment " + enrollmentId);
    }
  }
}
