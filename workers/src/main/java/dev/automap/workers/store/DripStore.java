package dev.automap.workers.store;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The batches of a drip step, shared by all runs reaching it ({@link DripBatches} has the rule).
 * The row is locked while an arrival is placed, so concurrent arrivals count correctly.
 */
@Singleton
public class DripStore {
  private final JdbcOperations jdbc;

  public DripStore(JdbcOperations jdbc) {
    this.jdbc = jdbc;
  }

  /** When this arrival is released; the same answer for the same key, however often asked. */
  @Transactional
  public Instant reserve(
      String key,
      String accountId,
      String automationKey,
      String stepId,
      int batchSize,
      Duration every,
      Instant now) {
    Connection connection = jdbc.getConnection();
    try {
      Instant earlier = reservation(connection, key);
      if (earlier != null) {
        return earlier;
      }
      // the row must exist before it can be locked: concurrent first arrivals then queue on it
      try (PreparedStatement insert =
          connection.prepareStatement(
              """
          insert into drip_batches (account_id, automation_key, step_id, batch_at, released)
          values (?, ?, ?, ?, 0) on conflict do nothing""")) {
        insert.setString(1, accountId);
        insert.setString(2, automationKey);
        insert.setString(3, stepId);
        insert.setTimestamp(4, Timestamp.from(now));
        insert.executeUpdate();
      }
      DripBatches.Batch latest = null;
      try (PreparedStatement select =
          connection.prepareStatement(
              """
          select batch_at, released from drip_batches
          where account_id = ? and automation_key = ? and step_id = ? for update""")) {
        select.setString(1, accountId);
        select.setString(2, automationKey);
        select.setString(3, stepId);
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            latest = new DripBatches.Batch(rs.getTimestamp(1).toInstant(), rs.getInt(2));
          }
        }
      }
      DripBatches.Arrival arrival = DripBatches.arrive(latest, batchSize, every, now);
      Instant release = arrival.release();
      Instant batchAt = arrival.batch().at();
      int released = arrival.batch().released();
      try (PreparedStatement upsert =
          connection.prepareStatement(
              """
          insert into drip_batches (account_id, automation_key, step_id, batch_at, released)
          values (?, ?, ?, ?, ?)
          on conflict (account_id, automation_key, step_id)
          do update set batch_at = excluded.batch_at, released = excluded.released""")) {
        upsert.setString(1, accountId);
        upsert.setString(2, automationKey);
        upsert.setString(3, stepId);
        upsert.setTimestamp(4, Timestamp.from(batchAt));
        upsert.setInt(5, released);
        upsert.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "insert into drip_reservations (idempotency_key, release_at) values (?, ?)")) {
        insert.setString(1, key);
        insert.setTimestamp(2, Timestamp.from(release));
        insert.executeUpdate();
      }
      return release;
    } catch (SQLException e) {
      throw new IllegalStateException("drip reservation failed: " + e.getMessage(), e);
    }
  }

  private static Instant reservation(Connection connection, String key) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "select release_at from drip_reservations where idempotency_key = ?")) {
      select.setString(1, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getTimestamp(1).toInstant() : null;
      }
    }
  }
}
