package dev.automap.workers.routing;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Records events as routed: deletes their rows from {@code event_outbox} (V63). Each caller returns
 * once its event's row is written, as with one update per event; routings that finish while a write
 * is under way have theirs written together by the next one, in one statement, so a busy router
 * spends one store round trip on several events.
 */
@Singleton
public class RoutedMarks {
  private record Pending(String accountId, String eventId, CompletableFuture<Void> done) {}

  private final TransactionOperations<Connection> transactions;
  private final Object lock = new Object();
  private List<Pending> queued = new ArrayList<>();
  private boolean writing;

  public RoutedMarks(TransactionOperations<Connection> transactions) {
    this.transactions = transactions;
  }

  /** Records that the event has been routed; returns once that is stored. */
  public void mark(String accountId, String eventId) {
    markAll(accountId, List.of(eventId));
  }

  /** Records that these events of the account have been routed; returns once that is stored. */
  public void markAll(String accountId, List<String> eventIds) {
    List<Pending> mine = new ArrayList<>(eventIds.size());
    for (String eventId : eventIds) {
      mine.add(new Pending(accountId, eventId, new CompletableFuture<>()));
    }
    boolean writer;
    synchronized (lock) {
      queued.addAll(mine);
      writer = !writing;
      writing = true;
    }
    if (writer) {
      // this caller writes what is queued, its own first, until nothing is left
      while (true) {
        List<Pending> batch;
        synchronized (lock) {
          if (queued.isEmpty()) {
            writing = false;
            break;
          }
          batch = queued;
          queued = new ArrayList<>();
        }
        try {
          write(batch);
          batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
          batch.forEach(p -> p.done().completeExceptionally(e));
        }
      }
    }
    try {
      for (Pending p : mine) {
        p.done().join();
      }
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void write(List<Pending> batch) {
    String[] accounts = new String[batch.size()];
    String[] ids = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      accounts[i] = batch.get(i).accountId();
      ids[i] = batch.get(i).eventId();
    }
    transactions.executeWrite(
        status -> {
          Connection c = status.getConnection();
          try (var ps =
              c.prepareStatement(
                  """
                  delete from event_outbox o
                  using unnest(?::text[], ?::text[]) as r(account_id, id)
                  where o.account_id = r.account_id and o.id = r.id""")) {
            ps.setArray(1, c.createArrayOf("text", accounts));
            ps.setArray(2, c.createArrayOf("text", ids));
            return ps.executeUpdate();
          } catch (SQLException e) {
            throw new IllegalStateException("routed events not recorded: " + e.getMessage(), e);
          }
        });
  }
}
