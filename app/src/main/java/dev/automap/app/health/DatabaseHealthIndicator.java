package dev.automap.app.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Reports whether the database answers a query within {@link #LIMIT}: a database that hangs (a
 * frozen server, a network that drops packets) shows as down at once instead of holding the health
 * check as long as it hangs. Replaces the framework's JDBC check, which waits.
 */
@Singleton
public class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
  static final Duration LIMIT = Duration.ofSeconds(3);

  private final DataSource dataSource;
  private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

  public DatabaseHealthIndicator(DataSource dataSource, DataSourceResolver resolver) {
    // the pool itself: the injected data source only lends connections inside a transaction
    this.dataSource = resolver.resolve(dataSource);
  }

  @Override
  protected Map<String, Object> getHealthInformation() {
    Map<String, Object> details = new LinkedHashMap<>();
    CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> query(details), checks);
    try {
      boolean up = answer.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
    } catch (TimeoutException e) {
      healthStatus = HealthStatus.DOWN;
      details.put("error", "the database did not answer within " + LIMIT.toSeconds() + " s");
    } catch (Exception e) {
      healthStatus = HealthStatus.DOWN;
      Throwable cause = e.getCause() == null ? e : e.getCause();
      details.put("error", String.valueOf(cause.getMessage()));
    }
    return details;
  }

  /**
   * Answers {@code select 1}, and adds the routing lag: how long the oldest stored event not yet
   * routed has waited ({@code routingLagSeconds}, 0 when none waits), read from the index of the
   * routing outbox ({@code event_outbox}).
   */
  private boolean query(Map<String, Object> details) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout((int) LIMIT.toSeconds());
      boolean up;
      try (ResultSet result = statement.executeQuery("select 1")) {
        up = result.next();
      }
      try (ResultSet lag =
          statement.executeQuery(
              "select coalesce(extract(epoch from now() - min(created_at)), 0) from event_outbox")) {
        if (lag.next()) {
          synchronized (details) {
            details.put("routingLagSeconds", Math.max(0, Math.round(lag.getDouble(1) * 10) / 10.0));
          }
        }
      } catch (java.sql.SQLException e) {
        // before the events table exists (migrations running): no lag to tell
      }
      return up;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  protected String getName() {
    return "jdbc"; // the name the framework's check had
  }
}
