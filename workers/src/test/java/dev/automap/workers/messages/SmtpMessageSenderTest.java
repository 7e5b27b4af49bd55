package dev.automap.workers.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.automap.workers.store.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

/** What the SMTP sender hands its transport (SmtpEmailActionsTest sends through GreenMail). */
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

  static MimeMessage compose(Session session, Message message, String from)
      throws MessagingException {
    return SmtpMessageSender.compose(session, message, from, "<msg_1@mail.acme.test>", null);
  }

  @Test
  void anEmailHasItsHtmlAndTextAndTheMessageIdItIsGiven() throws Exception {
    Session session = Session.getInstance(new Properties());
    var mime = compose(session, email("wf/run/welcome/1", null), "Acme <news@acme.test>");

    assertThat(mime.getMessageID()).isEqualTo("<msg_1@mail.acme.test>");
    assertThat(mime.getFrom()[0].toString()).isEqualTo("Acme <news@acme.test>");
    assertThat(mime.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
    assertThat(mime.getReplyTo()[0].toString()).isEqualTo("help@example.com");
    assertThat(mime.getSubject()).isEqualTo("Welcome Ada");
    assertThat(mime.getHeader("List-Unsubscribe")).as("only with an unsubscribe link").isNull();
    var parts = (MimeMultipart) mime.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContent()).isEqualTo("Hi Ada");
    assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Hi Ada</p>");
    assertThat(compose(session, email("k", "ops@acme.test"), null).getFrom()[0].toString())
        .isEqualTo("ops@acme.test");
  }

  @Test
  void anEmailWithAnUnsubscribeLinkCarriesTheOneClickHeaders() throws Exception {
    var mime =
        SmtpMessageSender.compose(
            Session.getInstance(new Properties()),
            email("k", null),
            "news@acme.test",
            "<msg_1@mail.acme.test>",
            "https://mail.acme.test/t/u/abc.def");
    assertThat(mime.getHeader("List-Unsubscribe"))
        .containsExactly("<https://mail.acme.test/t/u/abc.def>");
    assertThat(mime.getHeader("List-Unsubscribe-Post"))
        .containsExactly("List-Unsubscribe=One-Click");
  }

  @Test
  void anEmailWithoutASenderIsRefused() {
    assertThatThrownBy(() -> compose(Session.getInstance(new Properties()), email("k", null), null))
        .isInstanceOf(MessagingException.class)
        .hasMessageContaining("no sender");
  }

  @Test
  void theSenderDeliversEmailOnlyAndKnowsItsTlsModes() {
    var sender =
        new SmtpMessageSender(
            "smtp.example.test", 587, "", "", "news@acme.test", "ssl", null, null);
    assertThat(sender.delivers("email")).isTrue();
    assertThat(sender.delivers("sms")).isFalse();
    assertThat(new CapturingMessageSender().delivers("email")).isFalse();
    assertThatThrownBy(
            () ->
                new SmtpMessageSender(
                    "smtp.example.test", 587, "", "", "news@acme.test", "tls1.3", null, null))
        .hasMessageContaining("AUTOMAP_SMTP_TLS")
        .hasMessageContaining("none, starttls or ssl");
  }

  @Test
  void onlyARefusalForGoodIsABounce() throws Exception {
    var ada = new InternetAddress("ada@example.com");
    var gone =
        new SMTPAddressFailedException(ada, "RCPT TO:<ada@example.com>", 550, "no such user");
    var busy = new SMTPAddressFailedException(ada, "RCPT TO:<ada@example.com>", 451, "try later");
    assertThat(SmtpMessageSender.permanentCode(new SendFailedException("Invalid Addresses", gone)))
        .isEqualTo(550);
    assertThat(SmtpMessageSender.permanentCode(new SendFailedException("Invalid Addresses", busy)))
        .isZero();
    assertThat(SmtpMessageSender.permanentCode(new MessagingException("connection refused")))
        .isZero();
  }

  @Test
  void textIsDerivedFromHtml() {
    assertThat(Messages.textOf("<p>Hi <b>Ada</b> &amp; co</p><p>Bye<br>now</p>"))
        .isEqualTo("Hi Ada & co\n\nBye\nnow");
  }
}
