package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An automation of an account: its status and which of its versions is live. */
@MappedEntity("automations")
public record Automation(
    @Nullable @Id @GeneratedValue Long id,
    String accountId,
    String key,
    @Nullable String name,
    String status,
    @Nullable Integer activeVersion,
    int latestVersion,
    @Nullable @DateCreated Instant createdAt,
    @Nullable @DateUpdated Instant updatedAt) {

  public static final String DRAFT = "draft";
  public static final String ACTIVE = "active";
  public static final String PAUSED = "paused";
  public static final String ARCHIVED = "archived";
}
