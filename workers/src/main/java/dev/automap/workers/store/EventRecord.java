package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;

/** A stored event; {@code (accountId, id)} is its key. */
@MappedEntity("events")
public record EventRecord(
    @Id String id,
    String accountId,
    String type,
    @Nullable String contactId,
    Instant occurredAt,
    @TypeDef(type = DataType.JSON) Map<String, Object> data,
    @TypeDef(type = DataType.JSON) Map<String, Object> source,
    @Nullable Instant createdAt) {}
