package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.automap.definitions.model.NotifyChannel;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.workers.TestStack;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.messages.FakeSmtpServer;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With an SMTP server configured (a fake one, in process): email really goes out, once per key. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpEmailActionsTest extends ActionTestSupport {
  static final FakeSmtpServer SMTP = start();

  @Inject MessageRepository messageRows;

  static FakeSmtpServer start() {
    try {
      return new FakeSmtpServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  void stop() throws IOException {
    SMTP.close();
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestStack.databaseOnly());
    props.put("automap.smtp.host", "127.0.0.1");
    props.put("automap.smtp.port", String.valueOf(SMTP.port()));
    props.put("automap.smtp.from", "Acme <news@acme.test>");
    return props;
  }

  String contact(String email) {
    return newContact(
        new ContactDirectory.NewContact(
            email, "+15550100077", "Ada", null, null, null, null, Map.of(), null, List.of()));
  }

  static String address() {
    return "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  List<String> mailTo(String address) {
    return SMTP.received.stream().filter(m -> m.contains(address)).toList();
  }

  @Test
  void anEmailIsSentOnceMarkedSentAndRaisesEmailSent() {
    String address = address();
    String id = contact(address);
    var step =
        new SendEmailStep(
            "welcome",
            null,
            "Welcome {{contact.firstName}}",
            "<p>Hi {{contact.firstName}}</p>",
            null,
            null,
            null,
            null,
            null,
            null);
    var request = request(id, "welcome");

    ActionResult first = perform(request, step);
    Map<String, Object> after = snapshot();
    ActionResult again = perform(request, step);

    assertThat(first.outcome()).isEqualTo("done");
    assertThat(first.detail()).matches("email msg_\\w+ sent").doesNotContain(address);
    assertThat(again.outcome()).isEqualTo("unchanged");
    assertThat(snapshot()).isEqualTo(after);
    assertThat(mailTo(address))
        .singleElement()
        .satisfies(
            mail ->
                assertThat(mail)
                    .contains("Subject: Welcome Ada")
                    .contains("From: Acme <news@acme.test>")
                    .contains("<p>Hi Ada</p>")
                    .contains("Message-ID: <"));
    Message message = messageRows.latestOf(ACCOUNT, id, 5).getFirst();
    assertThat(message.status()).isEqualTo("sent");
    assertThat(message.sentAt()).isNotNull();
    assertThat(eventsOf(id))
        .filteredOn(e -> e.type().equals("email.sent"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source())
                  .containsEntry("stepId", "welcome")
                  .containsEntry("workflowId", request.workflowId());
              assertThat(e.data()).containsEntry("messageId", message.id());
            });
  }

  @Test
  void aRefusedEmailIsMarkedFailedAndTheRetrySendsIt() {
    String address = address();
    String id = contact(address);
    var step =
        new SendEmailStep("welcome", null, "Hi", "<p>Hi</p>", null, null, null, null, null, null);
    var request = request(id, "welcome");

    SMTP.refusing(true);
    Throwable refused;
    try {
      refused = catchThrowable(() -> perform(request, step));
    } finally {
      SMTP.refusing(false);
    }
    assertThat(refused).isInstanceOf(Messages.MessageNotSent.class);
    assertThat(messageRows.latestOf(ACCOUNT, id, 5))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo("failed"));
    assertThat(eventTypes(id)).doesNotContain("email.sent");

    ActionResult retried = perform(request, step);
    assertThat(retried.outcome()).isEqualTo("done");
    assertThat(retried.detail()).endsWith(" sent");
    assertThat(mailTo(address)).hasSize(1);
    assertThat(messageRows.latestOf(ACCOUNT, id, 5))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo("sent"));
    assertThat(perform(request, step).outcome()).isEqualTo("unchanged");
    assertThat(mailTo(address)).hasSize(1);
  }

  @Test
  void smsStaysCapturedAndNotifyByEmailGoesOut() {
    String id = contact(address());
    ActionResult sms =
        performTwice(request(id, "text"), new SendSmsStep("text", null, "Hi", null, null));
    assertThat(sms.detail()).contains("captured, not sent");

    String staff = "staff-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
    ensureAccount(ACCOUNT, "org-acme");
    String user = users.add(ACCOUNT, null, "Staff", staff, null).id();
    ActionResult told =
        perform(
            request(id, "tell"),
            new NotifyStep(
                "tell",
                null,
                user,
                NotifyChannel.EMAIL,
                "Lead {{contact.firstName}}",
                "<p>Call</p>",
                null,
                null));
    assertThat(told.outcome()).isEqualTo("done");
    assertThat(told.detail()).contains(user + ": sent");
    assertThat(mailTo(staff))
        .singleElement()
        .satisfies(m -> assertThat(m).contains("Subject: Lead Ada"));
  }
}
