package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A contact's run through an automation; the composite key is (workflow ID, run ID). */
@MappedEntity("enrollments")
public record Enrollment(
    @Id String workflowId,
    String runId,
    String accountId,
    String automationKey,
    int version,
    String contactId,
    String state,
    Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable String reason) {}
