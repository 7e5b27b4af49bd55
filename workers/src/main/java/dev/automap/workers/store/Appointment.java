package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A booked appointment with a contact; {@code status} as in the map format's appointment statuses.
 */
@MappedEntity("appointments")
public record Appointment(
    @Id String id,
    String accountId,
    String contactId,
    @Nullable String title,
    Instant startsAt,
    @Nullable Instant endsAt,
    String status,
    @Nullable String calendar,
    @Nullable @DateCreated Instant createdAt,
    @Nullable @DateUpdated Instant updatedAt) {}
