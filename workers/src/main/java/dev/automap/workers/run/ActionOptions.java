package dev.automap.workers.run;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of each action activity. Store changes are quick and retried for a
 * while; calls to the outside (webhooks, AI, messages) get longer timeouts and back off more.
 * Failures a handler marks non-retryable (bad config, no such contact) are never retried.
 */
final class ActionOptions {
  private ActionOptions() {}

  private static final RetryOptions STORE_RETRY = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(1))
      .setMaximumInterval(Duration.ofMinutes(1))
      .setMaximumAttempts(10)
      .build();

  private static final RetryOptions OUTSIDE_RETRY = RetryOptions.newBuilder()
      .setInitialInterval(Duration.ofSeconds(5))
      .setMaximumInterval(Duration.ofMinutes(10))
      .setMaximumAttempts(8)
      .build();

  static ActivityOptions forType(String type) {
    return switch (type) {
      case "webhook", "ai_prompt" -> ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(OUTSIDE_RETRY)
          .build();
      case "send_email", "send_sms", "send_whatsapp", "send_slack", "notify" -> ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setRetryOptions(OUTSIDE_RETRY)
          .build();
      default -> ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(STORE_RETRY)
          .build();
    };
  }
}
