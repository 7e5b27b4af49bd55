package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An account custom value ({@code account.values.<name>}); the key is (account, name). */
@MappedEntity("account_values")
public record AccountValue(
    String accountId, @Id String name, String value, @Nullable Instant updatedAt) {}
