package dev.automap.workers.bulk;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How fast bulk jobs start runs ({@code AUTOMAP_BULK_RATE}, starts per second, per job) and how
 * many contacts one activity takes at a time, starting up to {@code concurrency} at once. One
 * {@code bulk.page} call goes on taking pages until it is {@code slice} old ({@code
 * AUTOMAP_BULK_SLICE}, 30 s; 0: one page a call).
 */
@ConfigurationProperties("automap.bulk")
public record BulkConfig(
    @Bindable(defaultValue = "100") double rate,
    @Bindable(defaultValue = "500") int maxPage,
    @Bindable(defaultValue = "8") int concurrency,
    @Bindable(defaultValue = "30s") java.time.Duration slice) {

  /** A page lasts about two seconds at the rate, between 20 and {@code maxPage} contacts. */
  public int pageSize() {
    return (int) Math.max(20, Math.min(maxPage, Math.round(rate * 2)));
  }

  public BulkConfig {
    if (slice == null) {
      slice = java.time.Duration.ofSeconds(30);
    }
    if (slice.isNegative()) {
      throw new IllegalArgumentException(
          "automap.bulk.slice (AUTOMAP_BULK_SLICE): how long one bulk.page call goes on taking"
              + " pages; 0 or more");
    }
    if (!(rate > 0) || maxPage < 1 || concurrency < 1) {
      throw new IllegalArgumentException(
          "automap.bulk: rate (AUTOMAP_BULK_RATE, starts per second), maxPage and concurrency must"
              + " be above 0");
    }
  }
}
