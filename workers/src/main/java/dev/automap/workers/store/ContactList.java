package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A static list of contacts, named uniquely within its account. */
@MappedEntity("lists")
public record ContactList(
    @Id String id, String accountId, String name, @Nullable @DateCreated Instant createdAt) {}
