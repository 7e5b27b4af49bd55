package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** What one visit of a step did to a contact; one row per idempotency key. */
@MappedEntity("step_log")
public record StepLogEntry(
    @Nullable @Id @GeneratedValue Long id,
    String idempotencyKey,
    String accountId,
    @Nullable String contactId,
    String workflowId,
    @Nullable String automationKey,
    String stepId,
    String type,
    String outcome,
    @Nullable String detail,
    Instant at) {}
