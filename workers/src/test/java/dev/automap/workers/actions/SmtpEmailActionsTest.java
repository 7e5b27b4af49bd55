package dev.automap.workers.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.automap.definitions.model.NotifyChannel;
import dev.automap.definitions.model.NotifyStep;
import dev.automap.definitions.model.SendEmailStep;
import dev.automap.definitions.model.SendSmsStep;
import dev.automap.workers.TestStack;
import dev.automap.workers.contacts.ContactDirectory;
import dev.automap.workers.messages.MailServer;
import dev.automap.workers.messages.Messages;
import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With an SMTP server configured (GreenMail on loopback): email really goes out, once per key, with
 * its tracking and one-click unsubscribe headers; a refusal for now is retried, one for good is a
 * bounce.
 */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpEmailActionsTest extends ActionTestSupport {
  static final MailServer SMTP = new MailServer();
  static final String PUBLIC = "https://mail.acme.test";

  @Inject MessageRepository messageRows;

  @AfterAll
  void stop() {
    SMTP.close();
  }

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> props = new HashMap<>(TestStack.databaseOnly());
    props.put("automap.smtp.host", "127.0.0.1");
    props.put("automap.smtp.port", String.valueOf(SMTP.port()));
    props.put("automap.smtp.from", "Acme <news@acme.test>");
    props.put("automap.smtp.tls", "none");
    props.put("automap.public-url", PUBLIC);
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

  static SendEmailStep email(String body, Boolean track) {
    return new SendEmailStep(
        "welcome",
        null,
        "Welcome {{contact.firstName}}",
        body,
        null,
        null,
        null,
        track,
        null,
        null);
  }

  static String html(MimeMessage mail) throws Exception {
    var parts = (MimeMultipart) mail.getContent();
    return (String) parts.getBodyPart(1).getContent();
  }

  static String text(MimeMessage mail) throws Exception {
    var parts = (MimeMultipart) mail.getContent();
    return (String) parts.getBodyPart(0).getContent();
  }

  Map<String, Object> dnd(String contactId) {
    var dnd = contacts.get(ACCOUNT, contactId).contact().dnd();
    return dnd == null ? Map.of() : Map.copyOf(dnd);
  }

  @Test
  void anEmailIsSentOnceWithItsTrackingAndOneClickUnsubscribe() throws Exception {
    String address = address();
    String id = contact(address);
    var step =
        email(
            "<p>Hi {{contact.firstName}}, see <a href=\"https://acme.test/offer?a=1&amp;b=2\">the offer</a></p>",
            null);
    var request = request(id, "welcome");

    ActionResult first = perform(request, step);
    Map<String, Object> after = snapshot();
    ActionResult again = perform(request, step);

    Message message = messageRows.latestOf(ACCOUNT, id, 5).getFirst();
    assertThat(first.outcome()).isEqualTo("done");
    assertThat(first.detail()).isEqualTo("email " + message.id() + " sent");
    assertThat(again.outcome()).isEqualTo("unchanged");
    assertThat(snapshot()).isEqualTo(after);
    assertThat(SMTP.to(address)).as("a retry of the key sends nothing again").hasSize(1);
    MimeMessage mail = SMTP.to(address).getFirst();
    assertThat(mail.getSubject()).isEqualTo("Welcome Ada");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("Acme <news@acme.test>");
    assertThat(mail.getMessageID()).isEqualTo("<" + message.id() + "@mail.acme.test>");
    assertThat(mail.getHeader("List-Unsubscribe"))
        .singleElement()
        .asString()
        .startsWith("<" + PUBLIC + "/t/u/");
    assertThat(mail.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
    String html = html(mail);
    assertThat(html)
        .startsWith("<p>Hi Ada, see <a href=\"" + PUBLIC + "/t/c/")
        .doesNotContain("acme.test/offer")
        .contains("<img src=\"" + PUBLIC + "/t/o/")
        .contains(mail.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", ""));
    assertThat(text(mail)).contains("Unsubscribe: " + PUBLIC + "/t/u/");
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
  void anUntrackedEmailKeepsItsLinksAndItsUnsubscribeLink() throws Exception {
    String address = address();
    String id = contact(address);
    perform(
        request(id, "welcome"),
        email("<html><body><a href=\"https://acme.test/offer\">offer</a></body></html>", false));

    MimeMessage mail = SMTP.to(address).getFirst();
    String html = html(mail);
    assertThat(html)
        .contains("<a href=\"https://acme.test/offer\">offer</a>")
        .doesNotContain("/t/c/")
        .doesNotContain("/t/o/")
        .contains("/t/u/")
        .endsWith("</body></html>");
    assertThat(mail.getHeader("List-Unsubscribe")).hasSize(1);
  }

  @Test
  void aRefusalForNowIsMarkedFailedAndTheRetrySendsIt() {
    String address = address();
    String id = contact(address);
    var step = email("<p>Hi</p>", null);
    var request = request(id, "welcome");

    SMTP.refuse(address, "451 4.3.0 try again later");
    Throwable refused;
    try {
      refused = catchThrowable(() -> perform(request, step));
    } finally {
      SMTP.accept(address);
    }
    assertThat(refused).isInstanceOf(Messages.MessageNotSent.class);
    assertThat(messageRows.latestOf(ACCOUNT, id, 5))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo("failed"));
    assertThat(eventTypes(id)).doesNotContain("email.sent", "email.bounced");
    assertThat(dnd(id)).doesNotContainKey("email");

    ActionResult retried = perform(request, step);
    assertThat(retried.outcome()).isEqualTo("done");
    assertThat(retried.detail()).endsWith(" sent");
    assertThat(SMTP.to(address)).hasSize(1);
    assertThat(messageRows.latestOf(ACCOUNT, id, 5))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo("sent"));
    assertThat(perform(request, step).outcome()).isEqualTo("unchanged");
    assertThat(SMTP.to(address)).hasSize(1);
  }

  @Test
  void aRefusalForGoodBouncesSetsDndAndIsNeverTriedAgain() {
    String address = address();
    String id = contact(address);
    var request = request(id, "welcome");
    SMTP.refuse(address, "550 5.1.1 no such mailbox");
    try {
      ActionResult bounced = perform(request, email("<p>Hi</p>", null));
      Message message = messageRows.latestOf(ACCOUNT, id, 5).getFirst();
      assertThat(bounced.outcome()).isEqualTo("skipped");
      assertThat(bounced.detail())
          .isEqualTo(
              "email "
                  + message.id()
                  + " bounced (refused for good by the mail server): DND on for email")
          .doesNotContain(address);
      assertThat(message.status()).isEqualTo("bounced");
      assertThat(message.reason()).contains("550");
      assertThat(dnd(id)).containsEntry("email", true);
      assertThat(eventsOf(id))
          .filteredOn(e -> e.type().equals("email.bounced"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.data()).containsEntry("messageId", message.id());
                assertThat(e.source())
                    .containsEntry("stepId", "welcome")
                    .containsEntry("workflowId", request.workflowId());
              });

      assertThat(perform(request, email("<p>Hi</p>", null)).outcome()).isEqualTo("unchanged");
      ActionResult next = perform(request(id, "again"), email("<p>Hi</p>", null));
      assertThat(next.outcome()).isEqualTo("suppressed");
    } finally {
      SMTP.accept(address);
    }
    assertThat(SMTP.to(address)).isEmpty();
    assertThat(eventTypes(id)).doesNotContain("email.sent");
  }

  @Test
  void noAddressOrDndSendsNothing() {
    String dndAddress = address();
    String withDnd =
        newContact(
            new ContactDirectory.NewContact(
                dndAddress,
                null,
                "Ada",
                null,
                null,
                null,
                null,
                Map.of(),
                Map.of("email", true),
                List.of()));
    String without = newContact("Nameless");

    ActionResult held = performTwice(request(withDnd, "welcome"), email("<p>Hi</p>", null));
    ActionResult skipped = performTwice(request(without, "welcome"), email("<p>Hi</p>", null));

    assertThat(held.outcome()).isEqualTo("suppressed");
    assertThat(held.detail()).matches("email msg_\\w+ not sent: DND is on for email");
    assertThat(skipped.detail()).matches("email msg_\\w+ not sent: no email address");
    assertThat(SMTP.to(dndAddress)).isEmpty();
    assertThat(messageRows.latestOf(ACCOUNT, withDnd, 5))
        .singleElement()
        .satisfies(m -> assertThat(m.status()).isEqualTo("suppressed"));
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
    assertThat(SMTP.to(staff))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.getSubject()).isEqualTo("Lead Ada");
              assertThat(m.getHeader("List-Unsubscribe"))
                  .as("a notification to the team is no marketing email")
                  .isNull();
            });
  }
}
