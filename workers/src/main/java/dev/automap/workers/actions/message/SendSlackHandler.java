package dev.automap.workers.actions.message;

import dev.automap.definitions.model.SendSlackStep;
import dev.automap.workers.actions.ActionFailures;
import dev.automap.workers.actions.ActionHandler;
import dev.automap.workers.actions.ActionLedger;
import dev.automap.workers.actions.ActionRequest;
import dev.automap.workers.actions.ActionResult;
import dev.automap.workers.actions.ActionTemplates;
import dev.automap.workers.messages.MessageStatus;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Message;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code send_slack}: posts {@code {"text": …}} to the incoming webhook configured as {@code
 * automap.slack.webhooks.<channel>} (env {@code AUTOMAP_SLACK_WEBHOOKS_<CHANNEL>}). A channel not
 * configured fails for good. The message is recorded (channel {@code slack}) in the action's
 * transaction and posted after the commit; a crash between the post and marking it sent may post it
 * again on the retry (Slack webhooks have no idempotency key).
 */
@Singleton
public class SendSlackHandler implements ActionHandler<SendSlackStep> {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ActionLedger ledger;
  private final ActionTemplates templates;
  private final Messages messages;
  private final Environment environment;
  private final JsonMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public SendSlackHandler(
      ActionLedger ledger,
      ActionTemplates templates,
      Messages messages,
      Environment environment,
      JsonMapper json) {
    this.ledger = ledger;
    this.templates = templates;
    this.messages = messages;
    this.environment = environment;
    this.json = json;
  }

  @Override
  public Class<SendSlackStep> stepType() {
    return SendSlackStep.class;
  }

  @Override
  public ActionResult perform(ActionRequest request, SendSlackStep step) {
    if (step.channel() == null || step.channel().isBlank()) {
      throw ActionFailures.badInput(
          "send_slack needs a channel: the name of a configured incoming webhook");
    }
    String url =
        environment
            .getProperty("automap.slack.webhooks." + step.channel(), String.class)
            .filter(u -> !u.isBlank())
            .orElseThrow(
                () ->
                    ActionFailures.badInput(
                        "no Slack webhook named "
                            + step.channel()
                            + " (set automap.slack.webhooks."
                            + step.channel()
                            + ")"));
    ActionResult recorded =
        ledger.once(
            request,
            step,
            () -> {
              String text = templates.of(request).text(step.text());
              messages.record(
                  request,
                  null,
                  Messages.Draft.of("slack", step.channel(), null, text),
                  MessageStatus.QUEUED,
                  null);
              return ActionResult.done("Slack message to " + step.channel() + " queued");
            });
    int sent = messages.deliverQueued(request, message -> post(url, message), m -> {});
    return sent == 0 ? recorded : ActionResult.done("Slack message to " + step.channel() + " sent");
  }

  private void post(String url, Message message) throws IOException, InterruptedException {
    String body =
        json.writeValueAsString(Map.of("text", message.body() == null ? "" : message.body()));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("Slack answered " + response.statusCode() + ": " + response.body());
    }
  }
}
