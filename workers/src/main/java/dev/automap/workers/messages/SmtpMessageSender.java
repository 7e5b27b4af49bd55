package dev.automap.workers.messages;

import dev.automap.workers.store.Message;
import dev.automap.workers.store.MessageRepository;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends email through the SMTP server of {@code automap.smtp.*} ({@code AUTOMAP_SMTP_HOST}, {@code
 * _PORT} (587), {@code _USERNAME}, {@code _PASSWORD}, {@code _FROM}, {@code _TLS}: {@code none},
 * {@code starttls} (required) or {@code ssl}; unset, STARTTLS is used when the server offers it).
 * Each email's {@code Message-ID} is {@code <messageId@public host>}, and an email to a contact
 * carries {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 8058). A permanent
 * refusal (5xx) is a {@link Messages.MessageBounced}; anything else fails and is retried. SMS and
 * WhatsApp stay captured.
 */
@Singleton
@Requires(property = "automap.smtp.host")
public class SmtpMessageSender implements MessageSender {
  private final Session session;
  private final String defaultFrom;
  private final TrackingLinks links;
  private final MessageRepository messages;

  @Inject
  public SmtpMessageSender(
      @Value("${automap.smtp.host}") String host,
      @Value("${automap.smtp.port:587}") int port,
      @Value("${automap.smtp.username:}") @Nullable String username,
      @Value("${automap.smtp.password:}") @Nullable String password,
      @Value("${automap.smtp.from:}") @Nullable String from,
      @Value("${automap.smtp.tls:}") @Nullable String tls,
      TrackingLinks links,
      MessageRepository messages) {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", String.valueOf(port));
    String mode = tls == null || tls.isBlank() ? "" : tls.strip().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "" -> props.put("mail.smtp.starttls.enable", "true");
      case "none" -> props.put("mail.smtp.starttls.enable", "false");
      case "starttls" -> {
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
      }
      case "ssl" -> props.put("mail.smtp.ssl.enable", "true");
      default ->
          throw new IllegalArgumentException(
              "AUTOMAP_SMTP_TLS is \"" + tls + "\": use none, starttls or ssl");
    }
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "20000");
    props.put("mail.smtp.writetimeout", "20000");
    boolean auth = username != null && !username.isBlank();
    props.put("mail.smtp.auth", String.valueOf(auth));
    this.session =
        auth
            ? Session.getInstance(
                props,
                new Authenticator() {
                  @Override
                  protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(username, password == null ? "" : password);
                  }
                })
            : Session.getInstance(props);
    this.defaultFrom = from == null || from.isBlank() ? null : from;
    this.links = links;
    this.messages = messages;
  }

  @Override
  public boolean delivers(String channel) {
    return "email".equals(channel);
  }

  @Override
  public void send(Message message) throws MessagingException, Messages.MessageBounced {
    MimeMessage mime =
        compose(
            session,
            message,
            defaultFrom,
            links.emailMessageId(message.id()),
            messages.unsubscribeUrlOf(message.id()).orElse(null));
    try {
      Transport.send(mime);
    } catch (MessagingException e) {
      int code = permanentCode(e);
      if (code > 0) {
        throw new Messages.MessageBounced("refused for good (" + code + "): " + e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * The 5xx reply code of a refusal that will not change on a retry; 0 for a temporary one (4xx), a
   * connection failure, or a mix of refused and temporarily refused recipients.
   */
  static int permanentCode(MessagingException e) {
    int permanent = 0;
    Exception next = e;
    int depth = 0;
    while (next != null && depth++ < 20) {
      int code =
          switch (next) {
            case SMTPAddressFailedException a -> a.getReturnCode();
            case SMTPSendFailedException f -> f.getReturnCode();
            default -> 0;
          };
      if (code >= 400 && code < 500) {
        return 0;
      }
      if (code >= 500 && code < 600 && permanent == 0) {
        permanent = code;
      }
      next = next instanceof MessagingException m ? m.getNextException() : null;
    }
    return permanent;
  }

  /**
   * The MIME message: HTML with its plain-text alternative, its {@code Message-ID}, and with an
   * unsubscribe link the RFC 8058 headers.
   */
  static MimeMessage compose(
      Session session,
      Message message,
      String defaultFrom,
      String messageId,
      @Nullable String unsubscribeUrl)
      throws MessagingException {
    MimeMessage mime =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    String from = message.fromAddress() != null ? message.fromAddress() : defaultFrom;
    if (from == null) {
      throw new MessagingException("no sender: set automap.smtp.from or the step's from");
    }
    mime.setFrom(new InternetAddress(from, true));
    mime.setRecipients(
        jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.toAddress(), true));
    if (message.replyTo() != null) {
      mime.setReplyTo(InternetAddress.parse(message.replyTo(), true));
    }
    mime.setSubject(
        message.subject() == null ? "" : message.subject(), StandardCharsets.UTF_8.name());
    mime.setSentDate(new Date());
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(
        message.textBody() == null ? "" : message.textBody(), StandardCharsets.UTF_8.name());
    alternative.addBodyPart(text);
    if (message.body() != null) {
      MimeBodyPart html = new MimeBodyPart();
      html.setContent(message.body(), "text/html; charset=UTF-8");
      alternative.addBodyPart(html);
    }
    mime.setContent(alternative);
    if (unsubscribeUrl != null) {
      mime.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
      mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    mime.saveChanges();
    return mime;
  }
}
