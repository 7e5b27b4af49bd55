package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An API key, kept only as its SHA-256 hex digest. */
@MappedEntity("api_keys")
public record ApiKey(
    @Id String keyHash, String accountId, String label, @Nullable @DateCreated Instant createdAt) {}
