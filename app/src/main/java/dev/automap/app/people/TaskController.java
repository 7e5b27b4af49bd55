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
import java.time.Instant;
import java.util.List;

/**
 * Tasks that {@code create_task} steps (or people) made; completing one raises {@code
 * task.completed} for its contact, which a map can wait for.
 */
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

  @Get("/{id}")
  public TaskBody get(
      @RequestAttribute(ApiKeyFilter.ACCOUNT) String account, @PathVariable String id) {
    return tasks
        .get(account, id)
        .map(TaskBody::of)
        .orElseThrow(() -> ApiProblem.notFound("no task " + id));
  }

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
