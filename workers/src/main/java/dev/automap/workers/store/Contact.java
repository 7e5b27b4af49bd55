package dev.automap.workers.store;

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
    String email,
    String phone,
    String firstName,
    String lastName,
    String timezone,
    String ownerId,
    int score,
    @TypeDef(type = DataType.JSON) Map<String, Object> fields,
    @TypeDef(type = DataType.JSON) Map<String, Boolean> dnd,
    @DateCreated Instant createdAt,
    @DateUpdated Instant updatedAt) {}
