package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;

/** A contact's deal in a pipeline; a contact has at most one per pipeline. */
@MappedEntity("opportunities")
public record Opportunity(
    @Id String id,
    String accountId,
    String contactId,
    String pipelineId,
    String name,
    String stage,
    String status,
    @Nullable BigDecimal value,
    @Nullable @DateCreated Instant createdAt,
    @Nullable @DateUpdated Instant updatedAt) {}
