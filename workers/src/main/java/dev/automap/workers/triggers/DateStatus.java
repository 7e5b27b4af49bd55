package dev.automap.workers.triggers;

import java.time.Instant;

/**
 * What the {@code status} query of a contact's date trigger answers.
 *
 * @param state {@code arming}, {@code waiting} (until {@code fireAt}), {@code firing}, or {@code
 *     ended} (see {@code reason})
 */
public record DateStatus(
    String state, String field, Instant fireAt, Instant firedAt, int fires, String reason) {}
