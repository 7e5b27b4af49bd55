package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;

/**
 * A task about a contact, for a user; {@code status} is {@code open} or {@code completed} (then
 * {@code completedAt} says when).
 */
@MappedEntity("tasks")
public record Task(
    @Id String id,
    String accountId,
    String contactId,
    String title,
    @Nullable String body,
    @Nullable String assigneeId,
    @Nullable Instant dueAt,
    String status,
    @TypeDef(type = DataType.JSON) Map<String, Object> source,
    @Nullable @DateCreated Instant createdAt,
    @Nullable Instant completedAt) {

  public static final String OPEN = "open";
  public static final String COMPLETED = "completed";
}
