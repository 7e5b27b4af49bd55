package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;

/**
 * An applied action key.
 *
 * @param result what the first attempt answered ({@code outcome}, {@code detail}, {@code output},
 *     {@code endsRun})
 */
@MappedEntity("action_ledger")
public record LedgerEntry(
    @Id String idempotencyKey,
    String accountId,
    @Nullable String contactId,
    String action,
    @Nullable Instant doneAt,
    @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> result) {}
