package dev.automap.workers.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A message an action produced, rendered as it went out (or would have).
 *
 * @param channel {@code email sms whatsapp slack in_app}
 * @param status {@code captured} (kept, not sent: no provider configured), {@code queued} (to be
 *     delivered after the commit that recorded it), {@code sent}, {@code suppressed} (DND, no
 *     address) or {@code failed}
 * @param textBody the plain-text part of an email
 */
@MappedEntity("messages")
public record Message(
    @Id String id,
    String accountId,
    @Nullable String contactId,
    @Nullable String workflowId,
    @Nullable String stepId,
    String idempotencyKey,
    String channel,
    @Nullable String toAddress,
    @Nullable String fromAddress,
    @Nullable String replyTo,
    @Nullable String subject,
    @Nullable String body,
    @Nullable String textBody,
    String status,
    @Nullable String reason,
    Instant createdAt,
    @Nullable Instant sentAt) {}
