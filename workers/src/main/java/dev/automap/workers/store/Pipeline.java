package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;

/** A sales pipeline: its stages in board order. */
@MappedEntity("pipelines")
public record Pipeline(
    @Id String id,
    String accountId,
    String name,
    @TypeDef(type = DataType.JSON) List<String> stages,
    @Nullable @DateCreated Instant createdAt) {}
