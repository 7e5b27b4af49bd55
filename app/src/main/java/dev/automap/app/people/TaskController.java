package dev.automap.app.people;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.automap.app.auth.ApiKeyFilter;
import dev.automap.app.problems.ApiProblem;
import dev.automap.workers.contacts.Tasks;
import dev.automap.workers.store.Task;
import io.micronaut.core.annotation.Nullable;
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
import java.time.Instant;
import java.util.List;

/**
 * Tasks that {@code create_task} steps (or people) made; completing one raises {@code
 * task.completed} for its contact, which a map can wait for.
 */
@Tag(name = "CRM")
@SecurityRequirement(name = dev.automap.app.Application.API_KEY)
@Controller("/v1/tasks")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TaskController {
  private final Tasks tasks;

  public TaskController(Tasks tasks) {
    this.tasks = tasks;
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record TaskBody(
      String id,
      String contactId,
      String title,
      @Nullable String body,
      @Nullable String assignee,
      @Nullable Instant due,
      String status,
      @Nullable Instant completedAt,
      @Nullable Instant createdAt) {
    static TaskBody of(Task t) {
      return new TaskBody(
          t.id(),
          t.contactId(),
          t.title(),
          t.body(),
          t.assigneeId(),
          t.dueAt(),
          t.status(),
          t.completedAt(),
          t.createdAt());
    }
  }

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record TaskPage(List<TaskBody> items, @Nullable String cursor) {}

  /** Who completed it (a user id or a name), kept in the event's data. */
  @Serdeable
  public record CompleteRequest(@Nullable String by) {}

  /** The task after the call; {@code changed} is false when it was completed already. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Completed(TaskBody task, boolean changed) {}

  @Operation(
      summary = "List tasks",
      description =
          "Tasks that create_task steps (or people) made, filtered by assignee, status (open or completed) and contactId; limit and the opaque cursor of the previous page page through them (cursor is null on the last page).")
  @ApiResponse(
      responseCode = "200",
      description = "A page of tasks",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"items\": [{\"id\": \"task_3n7b1v9c5x2m8q4k0z6d\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Call Ada about the demo\", \"body\": \"She asked for pricing\", \"assignee\": \"u_2k9d7f1m3q8x5c0v4b6n\", \"due\": \"2026-12-02T17:00:00Z\", \"status\": \"open\", \"completedAt\": null, \"createdAt\": \"2026-11-29T10:15:00Z\"}], \"cursor\": null}")))
  @Get
  public TaskPage list(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @Nullable @QueryValue String assignee,
      @Nullable @QueryValue String status,
      @Nullable @QueryValue String contactId,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue String cursor) {
    int size = Pages.limit(limit);
    int offset = Pages.offset(cursor);
    var page = tasks.page(account, assignee, status, contactId, size + 1, offset);
    return new TaskPage(
        page.stream().limit(size).map(TaskBody::of).toList(),
        Pages.next(page.size(), size, offset));
  }

  @Operation(
      summary = "Get a task",
      description = "One task by id; 404 when the account has none with it.")
  @ApiResponse(
      responseCode = "200",
      description = "The task",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"id\": \"task_3n7b1v9c5x2m8q4k0z6d\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Call Ada about the demo\", \"body\": \"She asked for pricing\", \"assignee\": \"u_2k9d7f1m3q8x5c0v4b6n\", \"due\": \"2026-12-02T17:00:00Z\", \"status\": \"open\", \"completedAt\": null, \"createdAt\": \"2026-11-29T10:15:00Z\"}")))
  @Get("/{id}")
  public TaskBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return tasks
        .get(account, id)
        .map(TaskBody::of)
        .orElseThrow(() -> ApiProblem.notFound("no task " + id));
  }

  @Operation(
      summary = "Complete a task",
      description =
          "Marks the task completed and raises task.completed for its contact, which a map can wait for; by (a user id or a name, at most 200 characters, optional) is kept in the event's data. Completing a completed task changes nothing: changed is false.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              name = "request",
                              value = "{\"by\": \"u_2k9d7f1m3q8x5c0v4b6n\"}"))))
  @ApiResponse(
      responseCode = "200",
      description = "The task after the call",
      content =
          @Content(
              mediaType = "application/json",
              examples =
                  @ExampleObject(
                      name = "response",
                      value =
                          "{\"task\": {\"id\": \"task_3n7b1v9c5x2m8q4k0z6d\", \"contactId\": \"c_9x2m4q8k1v7c3b5n0z6d\", \"title\": \"Call Ada about the demo\", \"body\": \"She asked for pricing\", \"assignee\": \"u_2k9d7f1m3q8x5c0v4b6n\", \"due\": \"2026-12-02T17:00:00Z\", \"status\": \"completed\", \"completedAt\": \"2026-11-30T09:00:00Z\", \"createdAt\": \"2026-11-29T10:15:00Z\"}, \"changed\": true}")))
  @Post("/{id}/complete")
  public Completed complete(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account,
      @PathVariable String id,
      @Nullable @Body CompleteRequest body) {
    String by = body == null || body.by() == null || body.by().isBlank() ? null : body.by().strip();
    if (by != null && by.length() > 200) {
      throw Pages.invalid("/by", "at most 200 characters");
    }
    var done =
        tasks.complete(account, id, by).orElseThrow(() -> ApiProblem.notFound("no task " + id));
    return new Completed(TaskBody.of(done.task()), done.changed());
  }
}
