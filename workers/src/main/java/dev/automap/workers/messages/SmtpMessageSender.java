package dev.automap.workers.messages;

import dev.automap.workers.store.Message;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Sends email through the SMTP server of {@code automap.smtp.*} ({@code AUTOMAP_SMTP_HOST}, {@code
 * _PORT} (587), {@code _USERNAME}, {@code _PASSWORD}, {@code _FROM}); STARTTLS is used when the
 * server offers it. SMS and WhatsApp stay captured.
 */
@Singleton
@Requires(property = "automap.smtp.host")
public class SmtpMessageSender implements MessageSender {
  private final Session session;
  private final String defaultFrom;

  public SmtpMessageSender(
      @Value("${automap.smtp.host}") String host,
      @Value("${automap.smtp.port:587}") int port,
      @Value("${automap.smtp.username:}") @Nullable String username,
      @Value("${automap.smtp.password:}") @Nullable String password,
      @Value("${automap.smtp.from:}") @Nullable String from) {
    Properties props = new Properties();
    props.put("mail.smtp.host", host);
    props.put("mail.smtp.port", String.valueOf(port));
    props.put("mail.smtp.starttls.enable", "true");
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
  }

  @Override
  public boolean delivers(String channel) {
    return "email".equals(channel);
  }

  @Override
  public void send(Message message) throws MessagingException {
    Transport.send(compose(session, message, defaultFrom));
  }

  /** The MIME message: HTML with its plain-text alternative, and a Message-ID fixed by the key. */
  static MimeMessage compose(Session session, Message message, String defaultFrom)
      throws MessagingException {
    String messageId = messageId(message.idempotencyKey());
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
    mime.saveChanges();
    return mime;
  }

  /** {@code <sha-256 of the key>@automap}: the same on every attempt of one action. */
  static String messageId(String idempotencyKey) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 20) + "@automap>";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
