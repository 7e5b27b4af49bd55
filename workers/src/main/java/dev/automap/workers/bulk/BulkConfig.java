package dev.automap.workers.bulk;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How fast bulk jobs start runs ({@code AUTOMAP_BULK_RATE}, starts per second, per job) and how
 * many contacts one activity takes at a time, starting up to {@code concurrency} at once.
 */
@ConfigurationProperties("automap.bulk")
public record BulkConfig(
    @Bindable(defaultValue = "100") double rate,
    @Bindable(defaultValue = "500") int maxPage,
    @Bindable(defaultValue = "8") int concurrency) {

  /** A page lasts about two seconds at the rate, between 20 and {@code maxPage} contacts. */
  public int pageSize() {
    return (int) Math.max(20, Math.min(maxPage, Math.round(rate * 2)));
  }

  public BulkConfig {
    if (!(rate > 0) || maxPage < 1 || concurrency < 1) {
      throw new IllegalArgumentException(
          "automap.bulk: rate (AUTOMAP_BULK_RATE, starts per second), maxPage and concurrency must"
              + " be above 0");
    }
  }
}
