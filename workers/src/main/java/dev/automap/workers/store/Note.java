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
 * A note on a contact.
 *
 * @param source who wrote it: {@code {workflowId, stepId}} of an automation step, or {@code {via:
 *     "api"}}
 */
@MappedEntity("notes")
public record Note(
    @Id String id,
    String accountId,
    String contactId,
    String body,
    @TypeDef(type = DataType.JSON) Map<String, Object> source,
    @Nullable @DateCreated Instant createdAt) {}
