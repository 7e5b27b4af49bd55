package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A user of an account: owner of contacts, follower, assignee of tasks. */
@MappedEntity("users")
public record User(
    @Id String id,
    String accountId,
    String name,
    @Nullable String email,
    @Nullable String phone,
    @Nullable @DateCreated Instant createdAt) {}
