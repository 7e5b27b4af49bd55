package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;

/** A contact's record; tags live in {@code contact_tags}. */
@MappedEntity("contacts")
public record Contact(
    @Id String id,
    String accountId,
    @Nullable String email,
    @Nullable String phone,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String timezone,
    @Nullable String ownerId,
    int score,
    @TypeDef(type = DataType.JSON) Map<String, Object> fields,
    @TypeDef(type = DataType.JSON) Map<String, Boolean> dnd,
    @Nullable @DateCreated Instant createdAt,
    @Nullable @DateUpdated Instant updatedAt) {}
