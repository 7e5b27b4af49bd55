package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("action_ledger")
public record LedgerEntry(@Id String idempotencyKey, String accountId, @Nullable String contactId, String action, @Nullable Instant doneAt) {}
