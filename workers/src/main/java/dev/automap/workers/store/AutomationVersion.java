package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One saved version of a map, as the JSON document it was saved as. */
@MappedEntity("automation_versions")
public record AutomationVersion(
    @Nullable @Id @GeneratedValue Long id,
    long automationId,
    int version,
    String definition,
    @Nullable @DateCreated Instant createdAt) {}
