package dev.automap.workers.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.workers.store.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the SMTP sender hands its transport (SmtpEmailActionsTest sends through a fake server). */
class SmtpMessageSenderTest {
  static Message email(String key, String from) {
    return new Message(
        "msg_1",
        "acme",
        "c_1",
        "wf",
        "welcome",
        key,
        "email",
        "ada@example.com",
        from,
        "help@example.com",
        "Welcome Ada",
        "<p>Hi Ada</p>",
        "Hi Ada",
        "queued",
        null,
        Instant.now(),
        null);
  }

  @Test
  void anEmailHasItsHtmlAndTextAndAMessageIdFixedByItsKey() throws Exception {
    Session session = Session.getInstance(new Properties());
    var mime =
        SmtpMessageSender.compose(
            session, email("wf/run/welcome/1", null), "Acme <news@acme.test>");
    var again =
        SmtpMessageSender.compose(session, email("wf/run/welcome/1", null), "news@acme.test");
    var other =
        SmtpMessageSender.compose(session, email("wf/run/welcome/2", null), "news@acme.test");

    assertThat(mime.getMessageID())
        .isEqualTo(again.getMessageID())
        .isNotEqualTo(other.getMessageID())
        .matches("<[0-9a-f]{40}@automap>");
    assertThat(mime.getFrom()[0].toString()).isEqualTo("Acme <news@acme.test>");
    assertThat(mime.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    assertThat(mime.getReplyTo()[0].toString()).isEqualTo("help@example.com");
    assertThat(mime.getSubject()).isEqualTo("Welcome Ada");
    var parts = (MimeMultipart) mime.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hi Ada");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hi Ada</p>");
    assertThat(
            SmtpMessageSender.compose(session, email("k", "ops@acme.test"), null)
                .getFrom()[0]
                .toString())
        .isEqualTo("ops@acme.test");
  }

  @Test
  void anEmailWithoutASenderIsRefused() {
    assertThatThrownBy(
            () ->
                SmtpMessageSender.compose(
                    Session.getInstance(new Properties()), email("k", null), null))
        .isInstanceOf(MessagingException.class)
        .hasMessageContaining("no sender");
  }

  @Test
  void theSenderDeliversEmailOnly() {
    var sender = new SmtpMessageSender("smtp.example.test", 587, "", "", "news@acme.test");
    assertThat(sender.delivers("email")).isTrue();
    assertThat(sender.delivers("sms")).isFalse();
    assertThat(new CapturingMessageSender().delivers("email")).isFalse();
  }

  @Test
  void textIsDerivedFromHtml() {
    assertThat(Messages.textOf("<p>Hi <b>Ada</b> &amp; co</p><p>Bye<br>now</p>"))
        .isEqualTo("Hi Ada & co\n\nBye\nnow");
  }
}
