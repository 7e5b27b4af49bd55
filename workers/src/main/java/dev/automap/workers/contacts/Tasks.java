package dev.automap.workers.contacts;

import dev.automap.workers.events.ContactEvent;
import dev.automap.workers.events.EventLog;
import dev.automap.workers.events.EventSource;
import dev.automap.workers.store.Task;
import dev.automap.workers.store.TaskRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's tasks, and their completion by a person: completing an open task raises {@code
 * task.completed} about its contact ({@code data.taskId}, {@code title}, {@code assigneeId}, {@code
 * completedBy}; for a task a {@code create_task} step made, that step's {@code workflowId} and
 * {@code stepId}), so a map can wait for a person (a {@code wait_for} or goal on it). Completing a
 * task that is completed already changes nothing and raises nothing.
 */
@Singleton
public class Tasks {
  public static final List<String> STATUSES = List.of(Task.OPEN, Task.COMPLETED);

  private final TaskRepository tasks;
  private final EventLog events;

  public Tasks(TaskRepository tasks, EventLog events) {
    this.tasks = tasks;
    this.events = events;
  }

  /** What completing found: the task as it is now, and whether this call completed it. */
  public record Completion(Task task, boolean changed) {}

  public Optional<Task> get(String accountId, String taskId) {
    return tasks.findByIdAndAccountId(taskId, accountId);
  }

  /** Newest first; null filters match every task. */
  public List<Task> page(
      String accountId,
      @Nullable String assigneeId,
      @Nullable String status,
      @Nullable String contactId,
      int limit,
      int offset) {
    if (status != null && !STATUSES.contains(status)) {
      throw new ContactProblem("?status", "a task's status is open or completed");
    }
    return tasks.pageOf(accountId, assigneeId, status, contactId, limit, offset);
  }

  /**
   * Completes the task and raises {@code task.completed}, in one transaction; empty when the
   * account has no such task.
   */
  @Transactional
  public Optional<Completion> complete(String accountId, String taskId, @Nullable String by) {
    Optional<Task> found = tasks.findByIdAndAccountId(taskId, accountId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (tasks.complete(accountId, taskId) == 0) {
      return Optional.of(new Completion(found.get(), false));
    }
    Task task = tasks.findByIdAndAccountId(taskId, accountId).orElseThrow();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("taskId", task.id());
    data.put("title", task.title());
    if (task.assigneeId() != null) {
      data.put("assigneeId", task.assigneeId());
    }
    if (by != null) {
      data.put("completedBy", by);
    }
    if (task.source() != null && EventSource.AUTOMATION.equals(task.source().get("via"))) {
      data.put("workflowId", task.source().get("workflowId"));
      data.put("stepId", task.source().get("stepId"));
    }
    // one id per task: the event is stored once however often completion is asked for
    events.record(
        accountId,
        new ContactEvent(
            "evt_task_completed_" + task.id(),
            "task.completed",
            task.contactId(),
            task.completedAt() == null ? Instant.now() : task.completedAt(),
            data),
        EventSource.api());
    return Optional.of(new Completion(task, true));
  }
}
