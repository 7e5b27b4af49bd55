package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.automap.definitions.model.NotifyChannel;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSlackStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.definitions.model.SendWhatsappStep;
import dev.automap.workers.TestStack;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The message actions with no provider configured: every message is recorded, captured (not sent)
 * or suppressed, once per key; Slack posts to a local stand-in webhook.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageActionsTest extends ActionTestSupport {
  static final List<String> SLACK_POSTS = new CopyOnWriteArrayList<>();
  static final HttpServer SLACK = slack();

  @Inject MessageRepository messageRows;
  @Inject Messages messages;

  static HttpServer slack() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/ok",
          exchange -> {
            SLACK_POSTS.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
          });
      server.createContext(
          "/down",
          exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  void stopSlack() {
    SLACK.stop(0);
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestStack.databaseOnly());
    String base = "http://127.0.0.1:" + SLACK.getAddress().getPort();
    props.put("automap.slack.webhooks.alerts", base + "/ok");
    props.put("automap.slack.webhooks.down", base + "/down");
    return props;
  }

  static String email(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  String contact(String email, String phone, String owner, Map<String, Boolean> dnd) {
    return newContact(
        new ContactDirectory.NewContact(
            email, phone, "Ada", "Lovelace", null, owner, null, Map.of(), dnd, List.of()));
  }

  String userWith(String email, String phone) {
    ensureAccount(ACCOUNT, "org-acme");
    return users.add(ACCOUNT, null, "Staff", email, phone).id();
  }

  List<Message> messagesOf(String contactId) {
    return messageRows.latestOf(ACCOUNT, contactId, 50);
  }

  static SendEmailStep email(String subject, String body) {
    return new SendEmailStep("welcome", null, subject, body, null, null, null, null, null, null);
  }

  // send_email

  @Test
  void anEmailIsRenderedAndCapturedNotSentAndARetryChangesNothing() {
    String address = email("ada");
    String id = contact(address, null, null, Map.of());
    var request = request(id, "welcome", Map.of("offer", "<b>10%</b>"), null);

    ActionResult result =
        performTwice(
            request,
            email(
                "Welcome {{contact.firstName}}",
                "<p>Hi {{contact.firstName}}, {{vars.offer}}</p>"));

    assertThat(result.outcome()).isEqualTo("done");
    assertThat(result.detail())
        .isEqualTo(
            "email "
                + messagesOf(id).getFirst().id()
                + " captured, not sent (no SMTP server configured)");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.channel()).isEqualTo("email");
              assertThat(m.status()).isEqualTo("captured");
              assertThat(m.reason()).isEqualTo("no SMTP server configured: captured, not sent");
              assertThat(m.toAddress()).isEqualTo(address);
              assertThat(m.subject()).isEqualTo("Welcome Ada");
              assertThat(m.body()).isEqualTo("<p>Hi Ada, &lt;b&gt;10%&lt;/b&gt;</p>");
              assertThat(m.textBody()).isEqualTo("Hi Ada, <b>10%</b>");
              assertThat(m.workflowId()).isEqualTo(request.workflowId());
              assertThat(m.stepId()).isEqualTo("welcome");
              assertThat(m.sentAt()).isNull();
            });
    assertThat(eventTypes(id)).as("nothing was sent").doesNotContain("email.sent");
  }

  @Test
  void anEmailToAContactWithDndIsRecordedSuppressed() {
    String id = contact(email("dnd"), null, null, Map.of("email", true));
    ActionResult result = performTwice(request(id, "welcome"), email("Hi", "<p>Hi</p>"));
    assertThat(result.outcome()).isEqualTo("suppressed");
    assertThat(result.detail()).contains("DND is on for email");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("suppressed");
              assertThat(m.reason()).isEqualTo("DND is on for email");
              assertThat(m.subject()).isEqualTo("Hi");
            });
  }

  @Test
  void anEmailToAContactWithoutAnAddressIsSkippedAndRecordedSuppressed() {
    String id = contact(null, "+15550100001", null, Map.of());
    ActionResult result = performTwice(request(id, "welcome"), email("Hi", "<p>Hi</p>"));
    assertThat(result.outcome()).isEqualTo("skipped");
    assertThat(result.detail()).contains("no email address");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("suppressed");
              assertThat(m.reason()).isEqualTo("no email address");
            });
  }

  @Test
  void aTemplateThatDoesNotRenderFailsForGoodAndRecordsNothing() {
    String id = contact(email("bad"), null, null, Map.of());
    assertBadInput(
        () -> perform(request(id, "welcome"), email("{{#if x}}Hi", "<p>x</p>")), "does not render");
    assertThat(messagesOf(id)).isEmpty();
  }

  // the delivery path a configured provider takes

  @Test
  void aQueuedMessageIsSentOnceAfterItsCommitAndAFailedSendIsRetried() {
    String address = email("queued");
    String id = contact(address, null, null, Map.of());
    var request = request(id, "welcome");
    transactions.executeWrite(
        s ->
            messages.record(
                request,
                null,
                new Messages.Draft("email", address, null, null, "Hi", "<p>Hi</p>", null),
                "queued",
                null));
    List<Message> sent = new CopyOnWriteArrayList<>();

    Throwable refused =
        catchThrowable(
            () ->
                messages.deliverQueued(
                    request,
                    m -> {
                      throw new IOException("421 try later");
                    },
                    m -> messages.emailSent(request, m)));
    assertThat(refused)
        .isInstanceOf(Messages.MessageNotSent.class)
        .hasMessageContaining("421 try later");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("failed");
              assertThat(m.reason()).isEqualTo("421 try later");
            });

    assertThat(messages.deliverQueued(request, sent::add, m -> messages.emailSent(request, m)))
        .isEqualTo(1);
    assertThat(messages.deliverQueued(request, sent::add, m -> messages.emailSent(request, m)))
        .isZero();
    assertThat(sent).hasSize(1);
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("sent");
              assertThat(m.sentAt()).isNotNull();
            });
    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().equals("email.sent"))
        .singleElement()
        .satisfies(e -> assertThat(e.source()).containsEntry("stepId", "welcome"));
  }

  // send_sms and send_whatsapp

  @Test
  void anSmsIsCapturedToTheContactsPhone() {
    String id = contact(null, "+1 555 010 0002", null, Map.of());
    ActionResult result =
        performTwice(
            request(id, "text"),
            new SendSmsStep("text", null, "Hi {{contact.firstName}} & co", null, null));
    assertThat(result.outcome()).isEqualTo("done");
    assertThat(result.detail())
        .isEqualTo(
            "sms "
                + messagesOf(id).getFirst().id()
                + " captured, not sent (no sms provider configured)");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.channel()).isEqualTo("sms");
              assertThat(m.status()).isEqualTo("captured");
              assertThat(m.toAddress()).isEqualTo("+15550100002");
              assertThat(m.body()).isEqualTo("Hi Ada & co");
            });
  }

  @Test
  void textsWithoutAPhoneOrWithDndAreSuppressed() {
    String noPhone = contact(email("nophone"), null, null, Map.of());
    ActionResult none =
        performTwice(request(noPhone, "text"), new SendSmsStep("text", null, "Hi", null, null));
    assertThat(none.outcome()).isEqualTo("suppressed");
    assertThat(messagesOf(noPhone))
        .singleElement()
        .satisfies(m -> assertThat(m.reason()).isEqualTo("no phone"));

    String dnd = contact(null, "+15550100003", null, Map.of("whatsapp", true));
    ActionResult held =
        performTwice(request(dnd, "wa"), new SendWhatsappStep("wa", null, "Hi", null, null));
    assertThat(held.outcome()).isEqualTo("suppressed");
    assertThat(messagesOf(dnd))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.channel()).isEqualTo("whatsapp");
              assertThat(m.status()).isEqualTo("suppressed");
              assertThat(m.reason()).isEqualTo("DND is on for whatsapp");
            });
    ActionResult sms =
        performTwice(request(dnd, "text"), new SendSmsStep("text", null, "Hi", null, null));
    assertThat(sms.outcome()).as("DND is per channel").isEqualTo("done");
  }

  // notify

  @Test
  void notifyingTheOwnerByEmailCapturesAMessageToTheOwnersAddress() {
    String ownerEmail = email("owner");
    String owner = userWith(ownerEmail, null);
    String id = contact(email("lead"), null, owner, Map.of());
    ActionResult result =
        performTwice(
            request(id, "tell"),
            new NotifyStep(
                "tell",
                null,
                "owner",
                NotifyChannel.EMAIL,
                "New lead: {{contact.firstName}}",
                "<p>{{contact.email}}</p>",
                null,
                null));
    assertThat(result.outcome()).isEqualTo("done");
    assertThat(result.detail()).contains("captured, not sent");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.toAddress()).isEqualTo(ownerEmail);
              assertThat(m.subject()).isEqualTo("New lead: Ada");
              assertThat(m.status()).isEqualTo("captured");
            });
  }

  @Test
  void notifyingATeamRecordsOneMessagePerMemberAndSuppressesThoseWithoutAnAddress() {
    String withEmail = userWith(email("staff"), null);
    String without = userWith(null, null);
    String team = "support-" + UUID.randomUUID().toString().substring(0, 6);
    users.addToTeam(ACCOUNT, team, List.of(withEmail, without));
    String id = contact(email("lead"), null, null, Map.of());

    ActionResult result =
        performTwice(
            request(id, "tell"),
            new NotifyStep("tell", null, "team:" + team, null, "Lead", "<p>Call</p>", null, null));

    assertThat(result.outcome()).isEqualTo("done");
    assertThat(messagesOf(id))
        .hasSize(2)
        .extracting(Message::status)
        .containsExactlyInAnyOrder("captured", "suppressed");
    assertThat(messagesOf(id))
        .filteredOn(m -> m.status().equals("suppressed"))
        .singleElement()
        .satisfies(
            m -> assertThat(m.reason()).isEqualTo("user " + without + " has no email address"));
  }

  @Test
  void notifyInAppIsCapturedAndAContactWithoutOwnerIsSuppressedAndAnUnknownUserIsBadInput() {
    String user = userWith(null, null);
    String id = contact(email("lead"), null, null, Map.of());
    ActionResult inApp =
        performTwice(
            request(id, "ping"),
            new NotifyStep(
                "ping",
                null,
                user,
                NotifyChannel.IN_APP,
                null,
                "Look at {{contact.firstName}}",
                null,
                null));
    assertThat(inApp.outcome()).isEqualTo("done");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.channel()).isEqualTo("in_app");
              assertThat(m.toAddress()).isEqualTo(user);
              assertThat(m.body()).isEqualTo("Look at Ada");
            });

    ActionResult noOwner =
        performTwice(
            request(id, "tell"),
            new NotifyStep("tell", null, "owner", NotifyChannel.SMS, null, "Hi", null, null));
    assertThat(noOwner.outcome()).isEqualTo("suppressed");
    assertThat(noOwner.detail()).contains("the contact has no owner");

    assertBadInput(
        () ->
            perform(
                request(id, "who"),
                new NotifyStep("who", null, "u_nobody", NotifyChannel.EMAIL, "x", "y", null, null)),
        "no user u_nobody");
    assertBadInput(
        () ->
            perform(
                request(id, "team"),
                new NotifyStep(
                    "team", null, "team:nope", NotifyChannel.EMAIL, "x", "y", null, null)),
        "no team nope");
  }

  // send_slack

  @Test
  void slackPostsTheTextToTheConfiguredWebhookOnce() {
    String id = contact(email("slack"), null, null, Map.of());
    int before = SLACK_POSTS.size();
    var request = request(id, "ping");
    ActionResult first =
        perform(
            request,
            new SendSlackStep(
                "ping", null, "alerts", "New lead {{contact.firstName}}", null, null));
    ActionResult again =
        perform(
            request,
            new SendSlackStep(
                "ping", null, "alerts", "New lead {{contact.firstName}}", null, null));

    assertThat(first.outcome()).isEqualTo("done");
    assertThat(first.detail()).isEqualTo("Slack message to alerts sent");
    assertThat(again.outcome()).isEqualTo("unchanged");
    assertThat(SLACK_POSTS.subList(before, SLACK_POSTS.size()))
        .containsExactly("{\"text\":\"New lead Ada\"}");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.channel()).isEqualTo("slack");
              assertThat(m.status()).isEqualTo("sent");
              assertThat(m.toAddress()).isEqualTo("alerts");
            });
  }

  @Test
  void slackFailsForGoodWithoutAWebhookAndIsRetriedWhenTheWebhookFails() {
    String id = contact(email("slack"), null, null, Map.of());
    assertBadInput(
        () ->
            perform(
                request(id, "ping"), new SendSlackStep("ping", null, "nowhere", "x", null, null)),
        "no Slack webhook named nowhere");

    Throwable failed =
        catchThrowable(
            () ->
                perform(
                    request(id, "down"), new SendSlackStep("down", null, "down", "x", null, null)));
    assertThat(failed).isInstanceOf(Messages.MessageNotSent.class).hasMessageContaining("500");
    assertThat(messagesOf(id))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo("failed"));
  }
}
