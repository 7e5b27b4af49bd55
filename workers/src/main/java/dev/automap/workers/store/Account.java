package dev.automap.workers.store;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An account: everything else belongs to exactly one.
 *
 * @param organizationId the organization owning the account; accounts of one organization may copy
 *     contacts to each other, null stands alone
 */
@MappedEntity("accounts")
public record Account(
    @Id String id,
    String name,
    @Nullable String organizationId,
    @Nullable @DateCreated Instant createdAt) {

  @Creator
  public Account {}

  /** An account of no organization. */
  public Account(String id, String name, @Nullable Instant createdAt) {
    this(id, name, null, createdAt);
  }

  /** Whether contacts may be copied between this account and {@code other}. */
  public boolean sameOrganizationAs(Account other) {
    return organizationId != null && organizationId.equals(other.organizationId());
  }
}
