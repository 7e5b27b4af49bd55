package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A named group of an account's users ({@code notify} to {@code team:<name>}). */
@MappedEntity("teams")
public record Team(
    @Id String id, String accountId, String name, @Nullable @DateCreated Instant createdAt) {}
