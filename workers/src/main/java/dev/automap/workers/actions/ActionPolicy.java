package dev.automap.workers.actions;

import dev.automap.definitions.model.ActionStep;
import dev.automap.definitions.model.AiPromptStep;
import dev.automap.definitions.model.FindContactStep;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.definitions.model.StepTypes;
import dev.automap.definitions.model.WebhookStep;
import dev.automap.workers.store.ContactNotFound;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How long each action type may take and how it is retried: a static table keyed by the step's
 * record class, so workflow code may read it. An action that is a store write (the most) needs no
 * line here.
 *
 * <table>
 *   <caption>Policies</caption>
 *   <tr><th>types</th><th>start to close</th><th>attempts</th><th>backoff</th></tr>
 *   <tr><td>contact and CRM writes ({@code add_tags}, {@code update_contact}, … {@code copy_contact})</td><td>30 s</td><td>10</td><td>1 s doubling to 1 min</td></tr>
 *   <tr><td>{@code find_contact}</td><td>10 s</td><td>5</td><td>1 s doubling to 30 s</td></tr>
 *   <tr><td>{@code send_email}, {@code send_sms}, {@code send_whatsapp}</td><td>1 min</td><td>8</td><td>5 s doubling to 10 min</td></tr>
 *   <tr><td>{@code send_slack}, {@code notify}</td><td>30 s</td><td>5</td><td>5 s doubling to 5 min</td></tr>
 *   <tr><td>{@code webhook}</td><td>2 min</td><td>5</td><td>10 s doubling to 10 min</td></tr>
 *   <tr><td>{@code ai_prompt}</td><td>3 min</td><td>3</td><td>10 s doubling to 2 min</td></tr>
 * </table>
 *
 * <p>Every action heartbeats while it works (timeout {@code Heartbeats.TIMEOUT}, 10 s): an attempt
 * left on a worker that died is tried again within seconds.
 *
 * <p>Never retried, whatever the type: {@link ActionFailures#BAD_INPUT} (the step's input is at
 * fault), {@link ContactNotFound} (the contact is gone) and {@code UnsupportedAction}.
 *
 * @param startToClose the limit of one attempt
 * @param maxAttempts attempts in all, the first included
 */
public record ActionPolicy(
    Duration startToClose,
    int maxAttempts,
    Duration initialInterval,
    Duration maxInterval,
    List<String> nonRetryable) {

  public static final List<String> NON_RETRYABLE =
      List.of(ActionFailures.BAD_INPUT, ContactNotFound.class.getName(), "UnsupportedAction");

  static final ActionPolicy STORE_WRITE =
      of(Duration.ofSeconds(30), 10, Duration.ofSeconds(1), Duration.ofMinutes(1));
  static final ActionPolicy STORE_READ =
      of(Duration.ofSeconds(10), 5, Duration.ofSeconds(1), Duration.ofSeconds(30));
  static final ActionPolicy MESSAGE =
      of(Duration.ofMinutes(1), 8, Duration.ofSeconds(5), Duration.ofMinutes(10));
  static final ActionPolicy NOTIFICATION =
      of(Duration.ofSeconds(30), 5, Duration.ofSeconds(5), Duration.ofMinutes(5));
  static final ActionPolicy WEBHOOK =
      of(Duration.ofMinutes(2), 5, Duration.ofSeconds(10), Duration.ofMinutes(10));
  static final ActionPolicy AI =
      of(Duration.ofMinutes(3), 3, Duration.ofSeconds(10), Duration.ofMinutes(2));

  private static ActionPolicy of(
      Duration startToClose, int attempts, Duration initial, Duration max) {
    return new ActionPolicy(startToClose, attempts, initial, max, NON_RETRYABLE);
  }

  /** The actions that are not store writes. */
  private static final Map<Class<? extends ActionStep>, ActionPolicy> BY_STEP =
      Map.of(
          FindContactStep.class, STORE_READ,
          SendEmailStep.class, MESSAGE,
          SendSmsStep.class, MESSAGE,
          SendWhatsappStep.class, MESSAGE,
          SendSlackStep.class, NOTIFICATION,
          NotifyStep.class, NOTIFICATION,
          WebhookStep.class, WEBHOOK,
          AiPromptStep.class, AI);

  private static final Map<String, ActionPolicy> BY_TYPE = byType();

  private static Map<String, ActionPolicy> byType() {
    Map<String, ActionPolicy> out = new HashMap<>();
    BY_STEP.forEach((step, policy) -> out.put(StepTypes.nameOf(step), policy));
    return Map.copyOf(out);
  }

  /** The policy of an action step's record class; store writes unless listed. */
  public static ActionPolicy of(Class<? extends ActionStep> step) {
    return BY_STEP.getOrDefault(step, STORE_WRITE);
  }

  /**
   * The policy of an action type ({@code add_tags}), as {@link #of}; unknown types get the store
   * writes' policy.
   */
  public static ActionPolicy forType(String type) {
    return BY_TYPE.getOrDefault(type, STORE_WRITE);
  }

  public RetryOptions retryOptions() {
    return RetryOptions.newBuilder()
        .setInitialInterval(initialInterval)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(maxInterval)
        .setMaximumAttempts(maxAttempts)
        .setDoNotRetry(nonRetryable.toArray(String[]::new))
        .build();
  }

  /** Activity options for one action activity of this policy. */
  public ActivityOptions activityOptions() {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(dev.automap.workers.temporal.Heartbeats.TIMEOUT)
        .setRetryOptions(retryOptions())
        .build();
  }
}
